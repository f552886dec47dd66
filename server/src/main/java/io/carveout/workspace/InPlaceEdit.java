package io.carveout.workspace;

import java.util.Optional;

/**
 * An edit of one file that the boards reading it can take without being compiled again: what it
 * changes in a compiled board is known from the edit alone (a number's new value, places that
 * move). Each kind says when it can vouch for that; whatever it cannot is compiled again.
 */
sealed interface InPlaceEdit permits NumberEdit, BlankEdit {

    /**
     * The board with this edit made, when it can be made in place; the board given is left as it
     * was (others may read it). Empty: compile the board again.
     */
    Optional<Update> applyTo(CompiledBoard board);

    /**
     * A board brought up to date in place.
     *
     * @param memoryUnchanged the memory findings of the board before hold for it unchanged: no
     *     property the memory analysis reads took a new value, and no place moved
     */
    record Update(CompiledBoard board, boolean memoryUnchanged) {
    }
}
