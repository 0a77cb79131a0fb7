package io.buddykit.share.cpu;

/**
 * A placed request: client {@code client} runs for {@code grantedUnits} from unit {@code start} of
 * the frame, having asked for {@code requestedUnits}.
 */
public record Slot(int client, long start, long requestedUnits, long grantedUnits) {}
