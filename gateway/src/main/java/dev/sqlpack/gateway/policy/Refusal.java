package dev.sqlpack.gateway.policy;

/** Why a request was refused: the rule's id (for the audit log and docs) and a sentence for the user. */
public record Refusal(String rule, String message) {}
