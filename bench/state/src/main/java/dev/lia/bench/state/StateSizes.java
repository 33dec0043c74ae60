package dev.lia.bench.state;

/** Prints the state size against the number of non-zero pages of a 16 MiB memory, as a markdown table. */
public final class StateSizes {
    public static void main(String[] args) {
        System.out.println("| non-zero pages (of 256) | state size (bytes) | bytes per non-zero page beyond the empty state |");
        System.out.println("|---:|---:|---:|");
        long empty = -1;
        for (int pages : new int[] {0, 1, 16, 64, 128, 256}) {
            long size = new Fixture(pages).live.save().length;
            if (empty < 0) empty = size;
            System.out.printf("| %d | %,d | %s |%n", pages, size, pages == 0 ? "-" : String.format("%,d", (size - empty) / pages));
        }
    }
}
