/**
 * The scenario SPI that every model module implements and every front end runs: a {@link Scenario}
 * declares its {@link Param}s, reads their values from {@link Params} and returns a {@link Result}
 * of named numbers, {@link ResultTable}s and {@link Series}; {@link HeapBudget} refuses a run the
 * Java heap cannot hold before it allocates; {@link Sizes} reads byte sizes such as
 * {@code 4G}. Open {@link Scenario} first. A module of its own with no dependencies, so that the
 * models contribute scenarios without knowing the command line, the report or the live view, and
 * those run every scenario the same way.
 */
package io.buddykit.scenario;
