package org.hallphone;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.hallphone.sip.StackLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN.md, checked on the production classes. */
class ArchitectureTest {

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
}
