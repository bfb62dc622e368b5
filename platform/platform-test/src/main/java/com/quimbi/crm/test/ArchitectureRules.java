package com.quimbi.crm.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.quimbi.crm.contracts.EventCatalog;
import com.quimbi.crm.contracts.EventType;
import com.quimbi.crm.contracts.Topics;

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

    /**
     * Features (the packages right below the service's base package) depend on each other in one direction
     * only: a cycle means neither can be read, tested or changed without the other.
     */
    public static ArchRule featuresFreeOfCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..").should().beFreeOfCycles();
    }

    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TOPIC_NAME = Pattern.compile("crm\\.[a-z_]+\\.(events|heartbeats)(\\.dlt)?");

    /**
     * No event type or topic is written as a string literal in main code: they come from the contract records'
     * constants ({@code TicketCreated.TYPE}, {@code Topics.TICKET}), so a renamed or removed contract is a
     * compile error. Constants are inlined into class files, so this reads the sources.
     */
    public static void noEventTypeOrTopicLiterals(Path sourceRoot) {
        Set<String> types = EventCatalog.ALL.stream().map(EventType::type).collect(Collectors.toSet());
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                List<String> lines = read(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("//") || line.startsWith("*") || line.startsWith("/*")) {
                        continue;
                    }
                    Matcher literal = STRING_LITERAL.matcher(line);
                    while (literal.find()) {
                        String value = literal.group(1);
                        if (types.contains(value) || TOPIC_NAME.matcher(value).matches()) {
                            violations.add(sourceRoot.relativize(file) + ":" + (i + 1) + " \"" + value + "\"");
                        }
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("event types and topics come from contracts (TicketCreated.TYPE, Topics.TICKET), "
                    + "not string literals:\n  " + String.join("\n  ", violations));
        }
    }

    /** Every rule, for a service whose sources are in {@code src/main/java} of the module under test. */
    public static void checkAll(String basePackage) {
        JavaClasses classes = importService(basePackage);
        NO_DIRECT_KAFKA_SENDS.check(classes);
        NO_FIELD_INJECTION.check(classes);
        INTERNALS_STAY_IN_THEIR_FEATURE.allowEmptyShould(true).check(classes);
        CONTROLLERS_ARE_PACKAGE_PRIVATE.check(classes);
        featuresFreeOfCycles(basePackage).check(classes);
        Path sources = Path.of("src", "main", "java");
        if (Files.isDirectory(sources)) {
            noEventTypeOrTopicLiterals(sources);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
