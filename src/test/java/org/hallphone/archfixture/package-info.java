/**
 * Deliberately bad classes for {@code ArchitectureTest.RulesCanFail}: each breaks one package rule, so that the rule
 * is seen to fire. Test classes only: the production check never imports them.
 */
package org.hallphone.archfixture;
