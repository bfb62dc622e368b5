package com.quimbi.crm.ticket.message;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Metadata of a file stored elsewhere (object storage); the service never holds the bytes. */
@Schema(description = "An attachment: the file itself lives at url (https)")
public record Attachment(
        @NotBlank @Size(max = 255) @Pattern(regexp = "^[^/\\\\\\p{Cntrl}]+$", message = "must be a file name without path separators or control characters")
        @Schema(example = "receipt.pdf") String name,
        @NotBlank @Size(max = 127) @Pattern(regexp = "^[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]*/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]*$", message = "must be a media type such as application/pdf")
        @Schema(example = "application/pdf") String contentType,
        @NotNull @Positive @Max(value = Attachment.MAX_BYTES, message = "must be at most 25 MiB") @Schema(example = "48213") Long size,
        @NotBlank @Size(max = 2048) @Pattern(regexp = "^https://[^\\s<>\"]+$", message = "must be an https URL")
        @Schema(example = "https://files.example.com/a/receipt.pdf") String url) {

    public static final long MAX_BYTES = 25L * 1024 * 1024;
}
