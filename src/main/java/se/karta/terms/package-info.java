/**
 * Karta's vocabulary in code: the canonical URLs of its profiles, extensions and code systems, the
 * identifier systems it uses and the codes the server itself reads or writes (CONTRACT sections 1
 * and 3). Every other package takes them from here instead of spelling them again.
 */
package se.karta.terms;
