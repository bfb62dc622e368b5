package com.quimbi.crm.integration.gorgias;

import java.util.List;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.security.Roles;

@RestController
class GorgiasLinkController {

    /** The ticket's page in Gorgias. */
    record GorgiasLink(UUID ticketId, String url) {
    }

    private final GorgiasPushService pushes;

    GorgiasLinkController(GorgiasPushService pushes) {
        this.pushes = pushes;
    }

    /** 404 when the ticket has no Gorgias twin (yet). The gateway routes this exact path here. */
    @GetMapping("/api/tickets/{id}/gorgias-link")
    @PreAuthorize(Roles.IS_AGENT)
    GorgiasLink link(@PathVariable UUID id) {
        return pushes.linkOf(id).map(url -> new GorgiasLink(id, url))
                .orElseThrow(() -> new NotFoundException("gorgias link of ticket", id));
    }

    /** Pushes by status ({@code failed} = given up after the retries), newest first. */
    @GetMapping("/api/gorgias/pushes")
    @PreAuthorize(Roles.IS_ADMIN)
    List<GorgiasPush> pushes(@RequestParam(defaultValue = "failed") String status,
            @RequestParam(defaultValue = "50") int limit) {
        if (!List.of("pending", "done", "failed").contains(status)) {
            throw new InvalidInputException("status", "must be pending, done or failed");
        }
        return pushes.list(status, Math.clamp(limit, 1, 200));
    }
}
