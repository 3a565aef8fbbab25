package dev.gazette.account;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person who logs in: a writer, or an admin. */
@Entity
@Table(name = "account")
class Account extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String email;
    public String name;

    @Column(name = "password_hash")
    public String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(columnDefinition = "varchar")
    public Role role;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "password_changed_at")
    public Instant passwordChangedAt;

    /** When an admin disabled the account; null while it may log in. */
    @Column(name = "disabled_at")
    public Instant disabledAt;

    static Optional<Account> byEmail(String normalizedEmail) {
        return find("email", normalizedEmail).firstResultOptional();
    }

    static boolean anyAdmin() {
        return count("role", Role.admin) > 0;
    }
}
