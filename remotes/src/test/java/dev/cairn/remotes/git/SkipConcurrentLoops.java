package dev.cairn.remotes.git;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the manifest contract's two 200-append concurrency loops over a network remote: each
 * append is a fetch and a push through a forked receive-pack, so they need minutes, not the
 * seconds the build allows. The same property (exactly one writer wins each round, nothing
 * lost) is checked over the network by {@link GitManifestRaceTest}, and the full loops run
 * over {@code git+file} in {@link GitFileManifestCasTest}, which shares all the CAS code but
 * the ref update itself.
 */
final class SkipConcurrentLoops implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getTestMethod()
                .filter(m -> m.getName().startsWith("concurrentReadModifyWriteLoops"))
                .map(m -> ConditionEvaluationResult.disabled("200 network round trips per thread: too slow for the "
                        + "build; GitManifestRaceTest races writers over git daemon instead"))
                .orElse(ConditionEvaluationResult.enabled("not a long concurrency loop"));
    }
}
