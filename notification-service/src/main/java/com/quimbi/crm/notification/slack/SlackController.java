package com.quimbi.crm.notification.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.pagination.Cursor;
import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.security.CurrentActor;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Slack")
@ApiResponse(responseCode = "400", description = "Invalid input",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "409", description = "No Slack workspace connected (or only a webhook, for Web API calls)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "503", description = "Slack unavailable (circuit open, 5xx, timeout)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class SlackController {

    private final SlackClient slack;
    private final SlackWorkspaces workspaces;

    SlackController(SlackClient slack, SlackWorkspaces workspaces) {
        this.slack = slack;
        this.workspaces = workspaces;
    }

    record NotifyRequest(
            @NotBlank @Size(max = 80) @Pattern(regexp = "^(#?[a-z0-9][a-z0-9._-]{0,79}|[CGDU][A-Z0-9]{8,20})$",
                    message = "must be a channel name (#support-alerts) or id (C0123456789)")
            @Schema(example = "#support-alerts") String channel,
            @NotBlank @Size(max = 3000) @Schema(example = "Heads up: the carrier reports delays in the north-east") String text) {
    }

    record Notified(String channel, String ts) {
    }

    @PostMapping("/api/slack/notify")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Post a message to a Slack channel", description = "Role: supervisor or above. The text is "
            + "shown as written (Slack's <, > and & escaped: no @channel, no forged links). With only an incoming "
            + "webhook connected, it goes to the webhook's channel.")
    Notified notify(@Valid @RequestBody NotifyRequest request) {
        String text = SlackAlerts.escape(request.text());
        SlackClient.Posted posted = slack.post(request.channel(), text, List.of(section(s -> s.text(markdownText(text)))), null);
        return new Notified(posted.channelId(), posted.ts());
    }

    @GetMapping("/api/slack/channels")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "The workspace's channels", description = "Role: supervisor or above. Every page of Slack's "
            + "conversations.list (cached briefly), by name, keyset-paginated (cursor, limit ≤ 200).")
    CursorPage<SlackClient.SlackChannel> channels(@RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        Cursor.Keys after = Cursor.decode(cursor, "slack.channels", 2);
        int size = Cursor.limit(limit);
        List<SlackClient.SlackChannel> all = slack.channels();
        List<SlackClient.SlackChannel> rest = after == null ? all : all.stream()
                .filter(c -> compare(c, after.string(0), after.string(1)) > 0).toList();
        return CursorPage.of(rest.subList(0, Math.min(rest.size(), size + 1)), size,
                c -> Cursor.encode("slack.channels", c.name() == null ? "" : c.name(), c.id()));
    }

    private static int compare(SlackClient.SlackChannel c, String name, String id) {
        int byName = (c.name() == null ? "" : c.name()).compareTo(name);
        return byName != 0 ? byName : c.id().compareTo(id);
    }

    @GetMapping("/api/slack/workspace")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "The Slack connection", description = "Role: admin. Which secrets are set, never their values.")
    SlackWorkspaces.WorkspaceView workspace() {
        return workspaces.view();
    }

    @PutMapping("/api/slack/workspace")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Connect a Slack workspace", description = "Role: admin. botToken (xoxb-…, Web API) and/or "
            + "webhookUrl (incoming webhook, post only), signingSecret (events and buttons). A field left out keeps "
            + "its value, \"\" removes it. Stored encrypted (AES-256-GCM); never returned or logged.")
    SlackWorkspaces.WorkspaceView connect(@RequestBody SlackWorkspaces.WorkspaceRequest request) {
        SlackWorkspaces.WorkspaceView view = workspaces.put(request, actor());
        slack.forgetChannels();
        return view;
    }

    @DeleteMapping("/api/slack/workspace")
    @PreAuthorize(Roles.IS_ADMIN)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Disconnect Slack", description = "Role: admin. Slack deliveries fail until a workspace is connected again.")
    void disconnect() {
        workspaces.disconnect(actor());
        slack.forgetChannels();
    }

    private static String actor() {
        String id = CurrentActor.get().id();
        return id == null ? "system" : id;
    }
}
