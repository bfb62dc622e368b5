package com.quimbi.crm.notification.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.notification.slack.SlackSignature.Verdict;

class SlackSignatureTest {

    // Slack's worked example: https://api.slack.com/authentication/verifying-requests-from-slack
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TIMESTAMP = "1531420618";
    static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(StandardCharsets.UTF_8);
    static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    static final Instant THEN = Instant.ofEpochSecond(1531420618);
    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void slacksPublishedExampleSignsAndVerifies() {
        assertThat(SlackSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN.plusSeconds(30), FIVE_MINUTES))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void aForgedBodyOrSignatureOrSecretIsRefused() {
        byte[] forged = new String(BODY, StandardCharsets.UTF_8).replace("roadrunner", "coyote").getBytes(StandardCharsets.UTF_8);
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, forged, THEN, FIVE_MINUTES)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE.replace("a2114", "a2115"), BODY, THEN, FIVE_MINUTES))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(SlackSignature.verify("another-secret-altogether", TIMESTAMP, SIGNATURE, BODY, THEN, FIVE_MINUTES))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, "v0=", BODY, THEN, FIVE_MINUTES)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void aTimestampMoreThanFiveMinutesOffEitherWayIsRefused() {
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN.plusSeconds(301), FIVE_MINUTES))
                .isEqualTo(Verdict.STALE);
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN.minusSeconds(301), FIVE_MINUTES))
                .isEqualTo(Verdict.FUTURE);
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN.plusSeconds(300), FIVE_MINUTES))
                .isEqualTo(Verdict.VALID);
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN.minusSeconds(300), FIVE_MINUTES))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        assertThat(SlackSignature.verify(SECRET, null, SIGNATURE, BODY, THEN, FIVE_MINUTES)).isEqualTo(Verdict.MISSING);
        assertThat(SlackSignature.verify(SECRET, TIMESTAMP, null, BODY, THEN, FIVE_MINUTES)).isEqualTo(Verdict.MISSING);
        assertThat(SlackSignature.verify(null, TIMESTAMP, SIGNATURE, BODY, THEN, FIVE_MINUTES)).isEqualTo(Verdict.MISSING);
        assertThat(SlackSignature.verify(SECRET, "yesterday", SIGNATURE, BODY, THEN, FIVE_MINUTES))
                .isEqualTo(Verdict.MALFORMED_TIMESTAMP);
    }
}
