package org.hallphone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
    void onlySipImportsJavaxSip() {
        noClasses().that().resideOutsideOfPackage("org.hallphone.sip..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "gov.nist..")
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
