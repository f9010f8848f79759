/**
 * Rules for every plan kind: content, overall responsibility, patient participation, relatives, same person.
 * One {@code @Component} class per rule, discovered by {@link se.karta.rules.RuleRegistry}.
 */
package se.karta.rules.plan;
