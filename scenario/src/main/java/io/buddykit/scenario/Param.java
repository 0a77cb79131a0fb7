package io.buddykit.scenario;

/** A declared scenario parameter: its name, default value (as text) and what it means. */
public record Param(String name, String defaultValue, String description) {}
