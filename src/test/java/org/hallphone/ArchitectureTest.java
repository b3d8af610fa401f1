package org.hallphone;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import org.hallphone.sip.StackLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the README's "Architecture" section, checked on the production classes. The rules added by
 * issue 13 are written over a root package so that {@link RulesCanFail} can run them on deliberately bad classes
 * under {@code org.hallphone.archfixture} (test classes, so never part of the production check).
 */
class ArchitectureTest {

    /** The adapters around the {@code call} kernel; {@code app} wires them, {@code demo} is a peer app starts. */
    static final List<String> ADAPTERS = List.of("handset", "sip", "media", "calllog", "ui", "ops");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.hallphone");
    }

    @Test
    void uiSeesOnlyCallConfigAndCallLog() {
        noClasses().that().resideInAPackage("org.hallphone.ui..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.hallphone.sip..", "org.hallphone.media..", "org.hallphone.handset..",
                        "org.hallphone.app..", "org.hallphone.ops..")
                .check(classes);
    }

    @Test
    void onlySipAndTheDemoFarEndImportJavaxSip() {
        noClasses().that().resideOutsideOfPackages("org.hallphone.sip..", "org.hallphone.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "gov.nist..")
                .check(classes);
    }

    /** The demo far end is a peer of the terminal, started only by app: nothing else may lean on it. */
    @Test
    void onlyAppUsesTheDemo() {
        noClasses().that().resideOutsideOfPackages("org.hallphone.app..", "org.hallphone.demo..")
                .should().dependOnClassesThat().resideInAPackage("org.hallphone.demo..")
                .check(classes);
    }

    /** ... and it leans on no part of the terminal but the JAIN-SIP log adapter that JAIN-SIP loads by name. */
    @Test
    void theDemoStandsAlone() {
        noClasses().that().resideInAPackage("org.hallphone.demo..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.hallphone..")
                        .and(not(JavaClass.Predicates.resideInAPackage("org.hallphone.demo..")))
                        .and(not(JavaClass.Predicates.equivalentTo(StackLog.class))))
                .check(classes);
    }

    @Test
    void onlyHandsetImportsJssc() {
        noClasses().that().resideOutsideOfPackage("org.hallphone.handset..")
                .should().dependOnClassesThat().resideInAnyPackage("jssc..")
                .check(classes);
    }

    @Test
    void onlyUiAndAppImportJavaFx() {
        noClasses().that().resideOutsideOfPackages("org.hallphone.ui..", "org.hallphone.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..")
                .check(classes);
    }

    @Test
    void mediaKnowsNothingOfSip() {
        noClasses().that().resideInAPackage("org.hallphone.media..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hallphone.sip..", "javax.sdp..")
                .check(classes);
    }

    @Test
    void nothingImportsApp() {
        noClasses().that().resideOutsideOfPackage("org.hallphone.app..")
                .should().dependOnClassesThat().resideInAPackage("org.hallphone.app..")
                .check(classes);
    }

    @Test
    void callDependsOnNoAdapter() {
        noClasses().that().resideInAPackage("org.hallphone.call..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.hallphone.sip..", "org.hallphone.media..", "org.hallphone.handset..",
                        "org.hallphone.calllog..", "org.hallphone.ui..", "org.hallphone.ops..")
                .check(classes);
    }

    @Test
    void adaptersDependOnEachOtherOnlySipOnMedia() {
        adaptersApart("org.hallphone").check(classes);
    }

    @Test
    void onlyMediaImportsJavaxSound() {
        onlyIn("org.hallphone", "media", "javax.sound..").check(classes);
    }

    @Test
    void onlyOpsImportsTheJdkHttpServer() {
        onlyIn("org.hallphone", "ops", "com.sun.net.httpserver..").check(classes);
    }

    @Test
    void noCyclesBetweenPackages() {
        freeOfCycles("org.hallphone").check(classes);
    }

    /** Adapters do not depend on each other, except {@code sip -> media} (SIP opens the call's RTP session). */
    static ArchRule adaptersApart(String root) {
        List<ArchRule> rules = new ArrayList<>();
        for (String adapter : ADAPTERS) {
            List<String> others = new ArrayList<>();
            for (String other : ADAPTERS) {
                if (!other.equals(adapter) && !(adapter.equals("sip") && other.equals("media"))) {
                    others.add(root + "." + other + "..");
                }
            }
            rules.add(noClasses().that().resideInAPackage(root + "." + adapter + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                    .allowEmptyShould(true)); // an adapter package may be absent (the fixture has only some)
        }
        return CompositeArchRule.of(rules);
    }

    /** Only {@code root.owner} may use the third-party packages {@code library}. */
    static ArchRule onlyIn(String root, String owner, String library) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackage(root + "." + owner + "..")
                .should().dependOnClassesThat().resideInAPackage(library);
    }

    /** No two top-level packages under {@code root} depend on each other, directly or round a longer loop. */
    static ArchRule freeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /** Each new rule fires on a class that breaks it, and lets the allowed {@code sip -> media} pass. */
    @Nested
    class RulesCanFail {

        private static final String FIXTURE = "org.hallphone.archfixture";
        private final JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

        @Test
        void opsReadingMediaBreaksTheAdapterRule() {
            assertFires(adaptersApart(FIXTURE), "ReadsMedia");
        }

        @Test
        void sipUsingMediaAloneIsAllowed() {
            adaptersApart(FIXTURE).check(new ClassFileImporter().importPackages(FIXTURE + ".sip"));
        }

        @Test
        void javaxSoundOutsideMediaBreaksItsRule() {
            assertFires(onlyIn(FIXTURE, "media", "javax.sound.."), "PlaysSound");
        }

        @Test
        void httpServerOutsideOpsBreaksItsRule() {
            assertFires(onlyIn(FIXTURE, "ops", "com.sun.net.httpserver.."), "ServesHttp");
        }

        @Test
        void aCycleBetweenPackagesBreaksItsRule() {
            assertFires(freeOfCycles(FIXTURE), "RtpPort");
        }

        private void assertFires(ArchRule rule, String culprit) {
            AssertionError failure = assertThrows(AssertionError.class, () -> rule.check(fixture));
            assertTrue(failure.getMessage().contains(culprit), failure.getMessage());
        }
    }
}
