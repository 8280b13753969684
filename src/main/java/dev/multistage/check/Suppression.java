package dev.multistage.check;

/**
 * A rule whose findings are accepted, with the reason the outputs show beside them.
 *
 * @param rule a rule id ({@code setuid-file})
 * @param reason why its findings are acceptable here
 */
public record Suppression(String rule, String reason) {}
