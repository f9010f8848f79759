/**
 * Rules for individuell plan enligt LSS (10 § LSS): personkrets, decided/planned insatser, annual review, principals.
 * One {@code @Component} class per rule, discovered by {@link se.karta.rules.RuleRegistry}.
 */
package se.karta.rules.lss;
