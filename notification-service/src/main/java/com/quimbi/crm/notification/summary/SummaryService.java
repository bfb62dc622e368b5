package com.quimbi.crm.notification.summary;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.notification.rules.Destination;
import com.quimbi.crm.notification.rules.DestinationType;
import com.quimbi.crm.notification.summary.internal.SummaryStore;
import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;
import com.quimbi.crm.platform.web.ETags;

/**
 * Team summaries as admin configuration. A new or changed schedule starts with its next scheduled moment: the period
 * that ended before the change is marked as done (a summary created at 10:00 for 09:00 does not send a period at
 * once, and a changed time never sends one period twice).
 */
@Service
public class SummaryService {

    private static final Logger log = LoggerFactory.getLogger(SummaryService.class);

    private final SummaryStore store;
    private final Clock clock;
    private final AuditTrail audit;

    SummaryService(SummaryStore store, Clock clock, AuditTrail audit) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
    }

    public List<TeamSummary> list() {
        return store.all();
    }

    public TeamSummary get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("team summary", id));
    }

    @Transactional
    public TeamSummary create(SummaryRequest request, String actor) {
        UUID id = Ids.newId();
        SummarySchedule schedule = check(request, id);
        Instant now = clock.instant();
        TeamSummary summary = new TeamSummary(id, request.name().strip(), team(request), request.period(), request.time(),
                request.timeZone(), schedule.day(), request.enabled() == null || request.enabled(),
                List.copyOf(request.destinations()), schedule.latestDue(now).to(), 0, now, now, actor);
        store.insert(summary);
        audit.record("team_summary.created", "team_summary", id, null, summary);
        log.info("team summary {} '{}' ({} at {} {}) created by {}", id, summary.name(), summary.period(), summary.time(),
                summary.timeZone(), actor);
        return summary;
    }

    @Transactional
    public TeamSummary replace(UUID id, SummaryRequest request, Long ifMatch, String actor) {
        TeamSummary before = get(id);
        ETags.check(ifMatch, before.version(), "the team summary");
        SummarySchedule schedule = check(request, id);
        Instant now = clock.instant();
        Instant due = schedule.latestDue(now).to();
        Instant last = before.lastPeriodEnd() != null && before.lastPeriodEnd().isAfter(due) ? before.lastPeriodEnd() : due;
        TeamSummary after = new TeamSummary(id, request.name().strip(), team(request), request.period(), request.time(),
                request.timeZone(), schedule.day(), request.enabled() == null || request.enabled(),
                List.copyOf(request.destinations()), last, before.version() + 1, before.createdAt(), now, actor);
        store.update(after);
        audit.record("team_summary.updated", "team_summary", id, before, after);
        log.info("team summary {} '{}' updated by {}", id, after.name(), actor);
        return after;
    }

    @Transactional
    public void delete(UUID id, String actor) {
        TeamSummary before = get(id);
        store.delete(id);
        audit.record("team_summary.deleted", "team_summary", id, before, null);
        log.info("team summary {} '{}' deleted by {}", id, before.name(), actor);
    }

    /** The schedule of a stored summary. */
    static SummarySchedule schedule(TeamSummary summary) {
        return new SummarySchedule(summary.period(), LocalTime.parse(summary.time()), ZoneId.of(summary.timeZone()),
                summary.dayOfWeek());
    }

    private static String team(SummaryRequest request) {
        return request.team() == null || request.team().isBlank() ? null : request.team().strip();
    }

    /** What bean validation cannot say: a real time zone, the day only for weekly, destinations a summary can use. */
    private SummarySchedule check(SummaryRequest request, UUID id) {
        List<FieldError> errors = new ArrayList<>();
        ZoneId zone = null;
        try {
            zone = ZoneId.of(request.timeZone().strip());
            if (zone instanceof ZoneOffset && !"UTC".equals(request.timeZone().strip()) && !"Z".equals(request.timeZone().strip())) {
                zone = null;
                errors.add(new FieldError("timeZone", "must be a region (Europe/Madrid) or UTC, not an offset"));
            }
        } catch (DateTimeException e) {
            errors.add(new FieldError("timeZone", "is not a known time zone (IANA, e.g. Europe/Madrid)"));
        }
        if (request.period() == SummaryPeriod.DAILY && request.dayOfWeek() != null) {
            errors.add(new FieldError("dayOfWeek", "is only for weekly summaries"));
        }
        for (int i = 0; i < request.destinations().size(); i++) {
            Destination d = request.destinations().get(i);
            String at = "destinations[" + i + "]";
            if (d.type() == DestinationType.SLACK_CHANNEL) {
                if (d.channel() == null || d.channel().isBlank()) {
                    errors.add(new FieldError(at + ".channel", "is required for slack_channel"));
                }
                if (d.address() != null) {
                    errors.add(new FieldError(at + ".address", "is only for email"));
                }
            } else if (d.type() == DestinationType.EMAIL) {
                if (d.address() == null || d.address().isBlank()) {
                    errors.add(new FieldError(at + ".address", "is required for email (a summary has no agent of its own)"));
                }
                if (d.channel() != null) {
                    errors.add(new FieldError(at + ".channel", "is only for slack_channel"));
                }
            } else {
                errors.add(new FieldError(at + ".type", "must be slack_channel or email"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (store.nameTaken(request.name().strip(), id)) {
            throw new ConflictException("A team summary named '" + request.name().strip() + "' exists.");
        }
        SummaryPeriod period = request.period();
        return new SummarySchedule(period, LocalTime.parse(request.time()), zone,
                period == SummaryPeriod.WEEKLY ? (request.dayOfWeek() == null ? java.time.DayOfWeek.MONDAY
                        : request.dayOfWeek()) : null);
    }
}
