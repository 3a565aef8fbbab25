package dev.gazette.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
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

    /** Statistics read and never write: no transactions of their own, no entity writes. */
    static final ArchRule statsNeverWrite = noClasses()
            .that().resideInAPackage("dev.gazette.stats..")
            .should().callMethod(io.quarkus.hibernate.orm.panache.PanacheEntityBase.class, "persist")
            .orShould().callMethod(io.quarkus.hibernate.orm.panache.PanacheEntityBase.class, "delete")
            .allowEmptyShould(true);

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
