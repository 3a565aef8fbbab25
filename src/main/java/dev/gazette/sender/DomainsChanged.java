package dev.gazette.sender;

/** A sender domain was added, checked, deleted or revoked: this instance reloads the verified ones after the commit. */
record DomainsChanged() {
}
