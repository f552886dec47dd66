package io.carveout.workspace;

import io.carveout.preprocess.PreprocessResult;
import io.carveout.text.SourceSpan;
import io.carveout.tree.DeviceTree;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An edit of one file that the boards reading it can take without being compiled again: what it
 * changes in a compiled board is known from the edit alone (a number's new value, places that
 * move). Each kind says when it can vouch for that; whatever it cannot is compiled again.
 */
sealed interface InPlaceEdit permits NumberEdit, BlankEdit, CopiedTextEdit {

    /**
     * The board with this edit made, when it can be made in place; the board given is left as it
     * was (others may read it). Empty: compile the board again.
     *
     * @param evaluator finishes the board from preprocessed text the edit made, for an edit
     *     that changes tokens but not what cpp does
     */
    Optional<Update> applyTo(CompiledBoard board, Evaluator evaluator);

    /**
     * The rest of a board's compile (parse, merge) from its preprocessed text, taking from the
     * board's tree before the edit what the edit did not touch, its places moved by {@code move}.
     */
    interface Evaluator {
        CompiledBoard fromPreprocessed(PreprocessResult preprocessed,
                DeviceTree earlier, UnaryOperator<SourceSpan> move);
    }

    /**
     * A board brought up to date in place.
     *
     * @param memoryUnchanged the memory findings of the board before hold for it unchanged: no
     *     property the memory analysis reads took a new value, and no place moved
     * @param evaluated whether its tree was evaluated again (preprocessing alone was saved)
     */
    record Update(CompiledBoard board, boolean memoryUnchanged, boolean evaluated) {
        Update(CompiledBoard board, boolean memoryUnchanged) {
            this(board, memoryUnchanged, false);
        }
    }
}
