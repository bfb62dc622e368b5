package com.quimbi.crm.ticket.customer;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.contracts.customer.CustomerTier;

/**
 * Folds a duplicate customer into another: every ticket moves to the survivor, blank fields of the survivor are
 * filled from the duplicate, and the duplicate points at the survivor (its email keeps resolving there).
 * Lives apart from {@link CustomerService} because it needs tickets ({@link CustomerTickets}, implemented by the
 * ticket feature: tickets need customers, so customers only name what they need of tickets).
 */
@Service
public class CustomerMerge {

    private final CustomerService customers;
    private final CustomerTickets tickets;
    private final OutboxWriter outbox;

    CustomerMerge(CustomerService customers, CustomerTickets tickets, OutboxWriter outbox) {
        this.customers = customers;
        this.tickets = tickets;
        this.outbox = outbox;
    }

    public record Result(Customer customer, int movedTickets) {
    }

    @Transactional
    public Result merge(UUID targetId, UUID sourceId, Actor actor) {
        if (targetId.equals(sourceId)) {
            throw new InvalidInputException("sourceCustomerId", "must be another customer than the one merged into");
        }
        // lock in id order so two opposite merges cannot deadlock
        Customer first = customers.lockLive(targetId.compareTo(sourceId) < 0 ? targetId : sourceId);
        Customer second = customers.lockLive(targetId.compareTo(sourceId) < 0 ? sourceId : targetId);
        Customer target = first.id().equals(targetId) ? first : second;
        Customer source = first.id().equals(sourceId) ? first : second;

        int moved = tickets.moveCustomer(sourceId, targetId, target.email(), actor);
        var now = customers.now();
        customers.saveMerged(new Customer(source.id(), source.email(), source.name(), source.phone(),
                source.shopifyCustomerId(), source.gorgiasCustomerId(), source.language(), source.timezone(),
                source.preferredChannel(), source.tier(), targetId, source.createdAt(), now, source.lastContactAt(),
                source.version(), source.shop()));
        Customer merged = customers.saveMerged(new Customer(target.id(), target.email(),
                or(target.name(), source.name()), or(target.phone(), source.phone()),
                or(target.shopifyCustomerId(), source.shopifyCustomerId()),
                or(target.gorgiasCustomerId(), source.gorgiasCustomerId()), or(target.language(), source.language()),
                or(target.timezone(), source.timezone()), or(target.preferredChannel(), source.preferredChannel()),
                target.tier() == CustomerTier.VIP || source.tier() == CustomerTier.VIP ? CustomerTier.VIP : CustomerTier.STANDARD,
                null, target.createdAt(), now, latest(target, source), target.version(),
                // the shop profile belongs to the Shopify id the survivor keeps
                target.shopifyCustomerId() != null ? target.shop() : source.shop()));
        outbox.append(targetId.toString(), actor, CustomerEventMapper.merged(target, source, moved, now));
        return new Result(merged, moved);
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static java.time.Instant latest(Customer a, Customer b) {
        if (a.lastContactAt() == null) {
            return b.lastContactAt();
        }
        if (b.lastContactAt() == null) {
            return a.lastContactAt();
        }
        return a.lastContactAt().isAfter(b.lastContactAt()) ? a.lastContactAt() : b.lastContactAt();
    }
}
