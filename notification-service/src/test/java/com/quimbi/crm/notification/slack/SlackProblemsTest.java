package com.quimbi.crm.notification.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** What an API caller gets when Slack says no, is busy or is away: a problem with a status that says what to do. */
class SlackProblemsTest {

    private final SlackProblems problems = new SlackProblems();

    @Test
    void noWorkspaceOrNoBotTokenIsAConflictTellingHowToConnect() {
        ResponseEntity<ProblemDetail> none = problems.rejected(new SlackException.Rejected("not_connected"));
        ResponseEntity<ProblemDetail> noBot = problems.rejected(new SlackException.Rejected("no_bot_token"));

        assertThat(none.getStatusCode().value()).isEqualTo(409);
        assertThat(none.getBody().getDetail()).contains("No Slack workspace is connected");
        assertThat(noBot.getStatusCode().value()).isEqualTo(409);
        assertThat(noBot.getBody().getDetail()).contains("connect a bot token");
    }

    @Test
    void anyOtherRefusalIs422NamingSlacksError() {
        ResponseEntity<ProblemDetail> reply = problems.rejected(new SlackException.Rejected("channel_not_found"));

        assertThat(reply.getStatusCode().value()).isEqualTo(422);
        assertThat(reply.getBody().getType().toString()).endsWith("/slack-refused");
        assertThat(reply.getBody().getDetail()).isEqualTo("Slack answered channel_not_found.");
    }

    @Test
    void aRateLimitPassesSlacksWaitOnAndAnOutageIs503() {
        ResponseEntity<ProblemDetail> limited = problems.rateLimited(new SlackException.RateLimited(Duration.ofSeconds(30)));
        assertThat(limited.getStatusCode().value()).isEqualTo(429);
        assertThat(limited.getHeaders().getFirst("Retry-After")).isEqualTo("30");
        assertThat(limited.getBody().getType().toString()).endsWith("/slack-rate-limited");

        ResponseEntity<ProblemDetail> away = problems.unavailable(new SlackException.Unavailable("timeout", null));
        assertThat(away.getStatusCode().value()).isEqualTo(503);
        assertThat(away.getBody().getDetail()).doesNotContain("timeout").contains("try again");
    }
}
