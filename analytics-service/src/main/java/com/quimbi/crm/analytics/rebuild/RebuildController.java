package com.quimbi.crm.analytics.rebuild;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Rebuild")
class RebuildController {

    private final RebuildService rebuild;

    RebuildController(RebuildService rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/api/analytics/rebuild")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Replay every topic from the beginning into fresh tables and swap them in",
            description = "Role: admin; confirm=true is required. Synchronous: answers when the new tables are live (409 while another rebuild "
                    + "runs). Live consumption pauses meanwhile and resumes where it stopped. ./crm analytics rebuild "
                    + "calls it.")
    RebuildService.Result rebuild(@RequestParam(defaultValue = "false") boolean confirm) {
        if (!confirm) {
            throw new InvalidInputException("confirm", "must be true: the rebuild replaces every analytics table");
        }
        return rebuild.rebuild();
    }
}
