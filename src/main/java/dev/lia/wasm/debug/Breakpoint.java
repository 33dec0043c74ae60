package dev.lia.wasm.debug;

import java.util.List;

/**
 * A breakpoint: the instructions it stops before (one per function for a source line), what it was
 * set as, and how often it was hit.
 */
public final class Breakpoint {
    /** An instruction a breakpoint stops before: a function's index in its module and the instruction's byte offset. */
    public record Location(int functionIndex, int byteOffset) {}

    private final int id;
    private final String description;
    private final List<Location> locations;
    private int hits;
    private boolean enabled = true;

    Breakpoint(int id, String description, List<Location> locations) {
        this.id = id;
        this.description = description;
        this.locations = List.copyOf(locations);
    }

    /** The breakpoint's number, counting from 1 in the order they were set. */
    public int id() {
        return id;
    }

    /** What it was set on, e.g. {@code sum_squares @0xc2} or {@code demo.c:15}. */
    public String description() {
        return description;
    }

    public List<Location> locations() {
        return locations;
    }

    public int hits() {
        return hits;
    }

    void hit() {
        hits++;
    }

    public boolean enabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public String toString() {
        return "breakpoint " + id + " at " + description;
    }
}
