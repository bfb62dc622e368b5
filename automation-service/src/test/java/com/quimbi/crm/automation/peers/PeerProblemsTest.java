package com.quimbi.crm.automation.peers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import com.quimbi.crm.platform.problem.Problems;

/** What a peer's answer becomes for our caller: its refusal as the same 4xx, an outage a 503 to retry. */
class PeerProblemsTest {

    final PeerProblems problems = new PeerProblems();

    ResponseEntity<ProblemDetail> answer(int status, String detail) {
        return problems.peer(new PeerException("ticket-service", status, detail));
    }

    @Test
    void refusalsPassThroughWithTheirTypeAndTheService() {
        assertThat(answer(404, "no such ticket").getBody().getType()).isEqualTo(Problems.NOT_FOUND);
        assertThat(answer(409, "closed").getBody().getType()).isEqualTo(Problems.CONFLICT);
        assertThat(answer(412, "changed").getBody().getType()).isEqualTo(Problems.PRECONDITION_FAILED);
        assertThat(answer(400, "bad tag").getBody().getType()).isEqualTo(Problems.VALIDATION);
        assertThat(answer(422, "bad tag").getBody().getType()).isEqualTo(Problems.VALIDATION);

        ResponseEntity<ProblemDetail> forbidden = answer(403, "an agent may not assign someone else");
        assertThat(forbidden.getStatusCode().value()).isEqualTo(403);
        assertThat(forbidden.getBody().getType()).isEqualTo(Problems.type("refused"));
        assertThat(forbidden.getBody().getDetail()).isEqualTo("an agent may not assign someone else");
        assertThat(forbidden.getBody().getProperties()).containsEntry("service", "ticket-service");
    }

    @Test
    void withoutADetailTheStatusIsTheDetail() {
        assertThat(answer(409, null).getBody().getDetail()).isEqualTo("ticket-service answered 409");
    }

    @Test
    void anAnswerThatIsNoClientErrorIsABadGateway() {
        assertThat(answer(302, "moved").getStatusCode().value()).isEqualTo(502);
        assertThat(answer(299, "odd").getStatusCode().value()).isEqualTo(502);
    }

    @Test
    void anOutageIsA503WithRetryAfter() {
        for (int status : new int[] { 0, 500, 503, 429 }) {
            ResponseEntity<ProblemDetail> answer = answer(status, "down");
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(answer.getBody().getType()).isEqualTo(Problems.UNAVAILABLE);
            assertThat(answer.getBody().getDetail()).contains("retry with the same Idempotency-Key");
        }
    }
}
