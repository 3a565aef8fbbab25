package dev.gazette.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of STYLE.md, kept honest. Plain JUnit tests calling the rules (ArchUnit's
 * own test engine does not run on this JUnit platform).
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gazette");

    /** The web layer maps errors and carries HTTP plumbing; no feature leans on it. */
    static final ArchRule nothingDependsOnWeb = noClasses()
            .that().resideOutsideOfPackage("dev.gazette.web..")
            .should().dependOnClassesThat().resideInAPackage("dev.gazette.web..");

    /** The shared kernel depends on no feature. */
    static final ArchRule coreDependsOnNoFeature = noClasses()
            .that().resideInAPackage("dev.gazette.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.gazette.account..", "dev.gazette.publication..",
                    "dev.gazette.subscriber..", "dev.gazette.issue..", "dev.gazette.delivery..",
                    "dev.gazette.engagement..", "dev.gazette.stats..", "dev.gazette.embedded..", "dev.gazette.site..");

    /**
     * Transactional mail is recorded by every feature, accounts included, inside their own
     * transactions; so, like the kernel, it depends on no feature (the delivery engine sends its
     * rows, not the other way round).
     */
    static final ArchRule mailDependsOnNoFeature = noClasses()
            .that().resideInAPackage("dev.gazette.mail..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.gazette.account..", "dev.gazette.publication..",
                    "dev.gazette.subscriber..", "dev.gazette.issue..", "dev.gazette.delivery..",
                    "dev.gazette.engagement..", "dev.gazette.stats..", "dev.gazette.embedded..", "dev.gazette.site..");

    /**
     * The audit log is written by every feature, accounts included, inside their own transactions;
     * so, like transactional mail, it depends on no feature: callers hand it who acted and what changed.
     */
    static final ArchRule auditDependsOnNoFeature = noClasses()
            .that().resideInAPackage("dev.gazette.audit..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.gazette.account..", "dev.gazette.publication..",
                    "dev.gazette.subscriber..", "dev.gazette.issue..", "dev.gazette.delivery..",
                    "dev.gazette.engagement..", "dev.gazette.stats..", "dev.gazette.embedded..", "dev.gazette.site..",
                    "dev.gazette.mail..");

    /**
     * Events are emitted by every feature inside its own transactions: what they call ({@code Events},
     * the types and payloads) depends on no feature, so that no feature leans on another through it.
     */
    static final ArchRule emittingEventsDependsOnNoFeature = noClasses()
            .that().belongToAnyOf(dev.gazette.event.Events.class, dev.gazette.event.EventType.class,
                    dev.gazette.event.EventData.class)
            .should().dependOnClassesThat().resideInAnyPackage("dev.gazette.account..", "dev.gazette.publication..",
                    "dev.gazette.subscriber..", "dev.gazette.issue..", "dev.gazette.delivery..",
                    "dev.gazette.engagement..", "dev.gazette.stats..", "dev.gazette.embedded..", "dev.gazette.site..",
                    "dev.gazette.mail..");

    /** JAX-RS stays in resources: classes named *Service, entities and records never see it. */
    static final ArchRule servicesNeverSeeHttp = noClasses()
            .that().haveSimpleNameEndingWith("Service")
            .or().areAnnotatedWith(jakarta.persistence.Entity.class)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.vertx.core.http..",
                    "org.jboss.resteasy..");

    /** Accounts stand on their own: no feature below them. */
    static final ArchRule accountsDependOnNoOtherFeature = noClasses()
            .that().resideInAPackage("dev.gazette.account..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.gazette.publication..", "dev.gazette.subscriber..",
                    "dev.gazette.issue..", "dev.gazette.delivery..", "dev.gazette.engagement..", "dev.gazette.stats..");

    /** The rule above for any package, so that a fixture can show it fires. */
    static ArchRule neverWrite(String packages, String rebuild) {
        return noClasses()
                .that().resideInAPackage(packages).and().doNotHaveFullyQualifiedName(rebuild)
                .should().callMethodWhere(WRITE_CALL)
                .orShould(holdWritingSql())
                .allowEmptyShould(true);
    }

    /** SQL that changes rows or tables, in a string constant: {@code INSERT INTO}, {@code UPDATE x SET}, ... */
    static final Pattern WRITING_SQL = Pattern.compile(
            "(?i)\\b(insert\\s+into|update\\s+[\\w.\"]+\\s+set|delete\\s+from|truncate|merge\\s+into|alter\\s+table|drop\\s+table"
                    + "|create\\s+table|stats_rebuild)\\b");

    private static final DescribedPredicate<JavaMethodCall> WRITE_CALL = DescribedPredicate.describe(
            "a write (JDBC execute/executeUpdate/executeBatch, JPA persist/merge/remove/executeUpdate, Panache persist/delete/update)",
            call -> {
                String name = call.getName();
                JavaClass owner = call.getTargetOwner();
                boolean jdbc = owner.isAssignableTo(java.sql.Statement.class)
                        && (name.equals("execute") || name.startsWith("executeUpdate") || name.startsWith("executeLargeUpdate")
                                || name.startsWith("executeBatch") || name.startsWith("executeLargeBatch"));
                boolean jpa = (owner.isAssignableTo(jakarta.persistence.EntityManager.class)
                        && List.of("persist", "merge", "remove").contains(name))
                        || (owner.isAssignableTo(jakarta.persistence.Query.class) && name.equals("executeUpdate"));
                boolean panache = (owner.isAssignableTo(io.quarkus.hibernate.orm.panache.PanacheEntityBase.class)
                        || owner.isAssignableTo(io.quarkus.hibernate.orm.panache.PanacheRepositoryBase.class))
                        && (name.startsWith("persist") || name.startsWith("delete") || name.equals("update"));
                return jdbc || jpa || panache;
            });

    /**
     * Statistics read and never write: outside {@code StatsRebuild} (which recomputes the rollups),
     * no class of the stats package calls a JDBC, JPA or Panache write, nor holds writing SQL.
     */
    static final ArchRule statsNeverWrite = neverWrite("dev.gazette.stats..", "dev.gazette.stats.StatsRebuild");

    /** Reads the constant pool of the class file: a text block of SQL is one string constant there. */
    private static ArchCondition<JavaClass> holdWritingSql() {
        return new ArchCondition<>("hold writing SQL in a string constant") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                try (InputStream in = item.getSource().orElseThrow().getUri().toURL().openStream()) {
                    Matcher m = WRITING_SQL.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                    if (m.find()) {
                        events.add(SimpleConditionEvent.satisfied(item,
                                item.getName() + " holds writing SQL: \"" + m.group() + "\""));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /**
     * Statistics only read: of other features they use the caller and the publication visibility
     * check, never a service that writes; their numbers come from the rollup tables by plain SQL.
     */
    static final ArchRule statsUseNoWritingService = noClasses()
            .that().resideInAPackage("dev.gazette.stats..")
            .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                    .resideInAnyPackage("dev.gazette.account..", "dev.gazette.publication..", "dev.gazette.subscriber..",
                            "dev.gazette.issue..", "dev.gazette.delivery..", "dev.gazette.engagement..",
                            "dev.gazette.site..", "dev.gazette.embedded..")
                    .and(com.tngtech.archunit.base.DescribedPredicate.not(com.tngtech.archunit.core.domain.JavaClass.Predicates
                            .belongToAnyOf(dev.gazette.account.Caller.class, dev.gazette.account.CurrentCaller.class,
                                    dev.gazette.account.Role.class, dev.gazette.publication.Publications.class,
                                    dev.gazette.publication.PublicationRef.class))));

    /** Delivery reaches issues and subscribers through their public services, never their entities. */
    static final ArchRule deliveryUsesServicesNotEntities = noClasses()
            .that().resideInAPackage("dev.gazette.delivery..")
            .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                    .resideInAnyPackage("dev.gazette.issue..", "dev.gazette.subscriber..")
                    .and(com.tngtech.archunit.base.DescribedPredicate.describe("entities",
                            c -> c.isAnnotatedWith(jakarta.persistence.Entity.class))))
            .allowEmptyShould(true);

    /** Engagement reaches issues, subscribers, publications and accounts through their public services. */
    static final ArchRule engagementUsesServicesNotEntities = noClasses()
            .that().resideInAPackage("dev.gazette.engagement..")
            .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                    .resideInAnyPackage("dev.gazette.issue..", "dev.gazette.subscriber..", "dev.gazette.publication..",
                            "dev.gazette.account..")
                    .and(com.tngtech.archunit.base.DescribedPredicate.describe("entities",
                            c -> c.isAnnotatedWith(jakarta.persistence.Entity.class))))
            .orShould().dependOnClassesThat().resideInAnyPackage("dev.gazette.delivery..", "dev.gazette.stats..");

    /** The issue feature shows what readers send back only through its own seam, never the engagement feature. */
    static final ArchRule issuesDoNotDependOnEngagement = noClasses()
            .that().resideInAPackage("dev.gazette.issue..")
            .should().dependOnClassesThat().resideInAPackage("dev.gazette.engagement..");

    @Test
    void engagementUsesServicesNotEntities() {
        engagementUsesServicesNotEntities.check(CLASSES);
    }

    @Test
    void issuesDoNotDependOnEngagement() {
        issuesDoNotDependOnEngagement.check(CLASSES);
    }

    @Test
    void nothingDependsOnWeb() {
        nothingDependsOnWeb.check(CLASSES);
    }

    @Test
    void coreDependsOnNoFeature() {
        coreDependsOnNoFeature.check(CLASSES);
    }

    @Test
    void mailDependsOnNoFeature() {
        mailDependsOnNoFeature.check(CLASSES);
    }

    @Test
    void auditDependsOnNoFeature() {
        auditDependsOnNoFeature.check(CLASSES);
    }

    @Test
    void emittingEventsDependsOnNoFeature() {
        emittingEventsDependsOnNoFeature.check(CLASSES);
    }

    @Test
    void servicesNeverSeeHttp() {
        servicesNeverSeeHttp.check(CLASSES);
    }

    @Test
    void accountsDependOnNoOtherFeature() {
        accountsDependOnNoOtherFeature.check(CLASSES);
    }

    @Test
    void statsNeverWrite() {
        statsNeverWrite.check(CLASSES);
    }

    /** A rule that cannot fire proves nothing: the fixtures below break it, each in one way. */
    @Test
    void statsNeverWriteFiresOnAWrite() {
        ArchRule rule = neverWrite("dev.gazette.architecture..", Rebuild.class.getName());
        for (Class<?> violator : List.of(UpdatingStats.class, SqlHoldingStats.class, PersistingStats.class)) {
            assertThatThrownBy(() -> rule.check(new ClassFileImporter().importClasses(violator))).as(violator.getName())
                    .isInstanceOf(AssertionError.class);
        }
        rule.check(new ClassFileImporter().importClasses(Rebuild.class, ReadingStats.class));
        // and on the real code, the rebuild is the one writer it lets through
        assertThatThrownBy(() -> neverWrite("dev.gazette.stats..", "none").check(CLASSES))
                .hasMessageContaining("StatsRebuild").hasMessageNotContaining("StatsSql");
    }

    static class UpdatingStats {
        int bump(java.sql.Connection c) throws java.sql.SQLException {
            try (java.sql.PreparedStatement s = c.prepareStatement("SELECT 1")) {
                return s.executeUpdate();
            }
        }
    }

    static class SqlHoldingStats {
        static final String RESET = "UPDATE stats_issue SET opens = 0";

        String query() {
            return RESET;
        }
    }

    static class PersistingStats {
        void save(jakarta.persistence.EntityManager em, Object row) {
            em.persist(row);
        }
    }

    /** The one class allowed to write. */
    static class Rebuild {
        void run(java.sql.Statement s) throws java.sql.SQLException {
            s.execute("SELECT stats_rebuild()");
        }
    }

    static class ReadingStats {
        java.sql.ResultSet read(java.sql.Statement s) throws java.sql.SQLException {
            return s.executeQuery("SELECT sent FROM stats_issue");
        }
    }

    @Test
    void statsUseNoWritingService() {
        statsUseNoWritingService.check(CLASSES);
    }

    @Test
    void deliveryUsesServicesNotEntities() {
        deliveryUsesServicesNotEntities.check(CLASSES);
    }

    @Test
    void theRulesSeeTheCode() {
        // a rule over an empty import proves nothing
        org.assertj.core.api.Assertions.assertThat(CLASSES.contain("dev.gazette.web.ProblemMappers")).isTrue();
    }
}
