package com.quimbi.crm.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The rules every service keeps (CONVENTIONS.md); each service's ArchitectureTest checks them. */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    public static JavaClasses importService(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** Domain events go through the outbox; nothing of ours sends to Kafka directly. */
    public static final ArchRule NO_DIRECT_KAFKA_SENDS = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate")
            .because("domain events are written to the outbox in the state change's transaction");

    /** Constructor injection only. */
    public static final ArchRule NO_FIELD_INJECTION = fields()
            .should().notBeAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
            .allowEmptyShould(true);

    /** A feature's internal package is private to that feature. */
    public static final ArchRule INTERNALS_STAY_IN_THEIR_FEATURE = classes()
            .that().resideInAPackage("..internal..")
            .should(onlyBeUsedFromTheirOwnFeature());

    /** Controllers are entry points, not APIs for other features. */
    public static final ArchRule CONTROLLERS_ARE_PACKAGE_PRIVATE = classes()
            .that().haveSimpleNameEndingWith("Controller")
            .should().notBePublic()
            .allowEmptyShould(true);

    public static void checkAll(String basePackage) {
        JavaClasses classes = importService(basePackage);
        NO_DIRECT_KAFKA_SENDS.check(classes);
        NO_FIELD_INJECTION.check(classes);
        INTERNALS_STAY_IN_THEIR_FEATURE.allowEmptyShould(true).check(classes);
        CONTROLLERS_ARE_PACKAGE_PRIVATE.check(classes);
    }

    private static ArchCondition<JavaClass> onlyBeUsedFromTheirOwnFeature() {
        return new ArchCondition<>("only be used from their own feature") {
            @Override
            public void check(JavaClass internal, ConditionEvents events) {
                String feature = internal.getPackageName().substring(0, internal.getPackageName().indexOf(".internal"));
                internal.getDirectDependenciesToSelf().forEach(dependency -> {
                    String user = dependency.getOriginClass().getPackageName();
                    if (!user.equals(feature) && !user.startsWith(feature + ".")) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        };
    }
}
