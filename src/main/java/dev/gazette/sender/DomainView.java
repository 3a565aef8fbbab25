package dev.gazette.sender;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A sender domain as its writer (and an admin) sees it: the records to publish with what the last
 * check found of each. The private key is never part of it.
 *
 * @param owner the writer's login address, shown to admins only (null for the writer)
 */
public record DomainView(long id, String domain, String state, String selector, List<RecordCheck> records,
        Instant checkedAt, Instant verifiedAt, Instant createdAt, String owner, String revokedReason) {

    /** The list answer: {@code {"domains": [...]}}. */
    public record Domains(List<DomainView> domains) {
    }

    /** {@code POST /api/v1/domains}: the domain to add, such as {@code letters.example.org}. */
    public record AddRequest(@NotBlank @Size(max = 253) String domain) {
    }

    /** {@code POST /api/v1/admin/domains/{id}/revoke}: why, for the audit log and the writer's page. */
    public record RevokeRequest(@NotBlank @Size(max = 300) String reason) {
    }
}
