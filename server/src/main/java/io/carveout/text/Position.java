package io.carveout.text;

/** A zero-based line and column, the column counted in the units of a {@link PositionEncoding}. */
public record Position(int line, int character) implements Comparable<Position> {
    public Position {
        if (line < 0 || character < 0) {
            throw new IllegalArgumentException("negative position " + line + ":" + character);
        }
    }

    @Override
    public int compareTo(Position other) {
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(character, other.character);
    }

    @Override
    public String toString() {
        return line + ":" + character;
    }
}
