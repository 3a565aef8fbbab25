package dev.gazette.issue;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.qute.Engine;
import io.quarkus.qute.EvalContext;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.LoopSectionHelper;
import io.quarkus.qute.ResolutionContext;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.ResultNode;
import io.quarkus.qute.Results;
import io.quarkus.qute.Scope;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionHelper;
import io.quarkus.qute.SectionHelperFactory;
import io.quarkus.qute.SetSectionHelper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.ValueResolver;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.Variant;
import io.quarkus.qute.WhenSectionHelper;
import io.quarkus.qute.WithSectionHelper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The only engine that ever parses or renders a writer's template: a separate Qute {@link Engine}
 * that knows only the sections if, for/each, let/set, with and when; has no namespaces (no
 * {@code config:}, {@code inject:}, {@code cdi:}, {@code str:}), no include, insert or eval; reads
 * only maps, lists and the components of this package's records (never entities, never methods
 * by reflection); escapes HTML; and bounds loops, evaluated expressions and output per render,
 * while it renders: Qute builds a render's whole result before it writes any of it, so a bound
 * checked only on the written output would come after the memory is spent. Anything else is
 * refused at save time with its line and column, or renders empty.
 */
@ApplicationScoped
class SandboxedQute {

    private static final String BUDGET = "gazette.renderBudget";
    private static final Variant HTML = Variant.forContentType(Variant.TEXT_HTML);

    /** A template refused at save time, with where in the source. */
    static final class Rejected extends RuntimeException {
        final String code;
        final int line;
        final int column;

        Rejected(String code, String message, int line, int column) {
            super(message, null, false, false);
            this.code = code;
            this.line = line;
            this.column = column;
        }
    }

    /** A render stopped by a limit (loop or output). */
    static final class LimitExceeded extends RuntimeException {
        final String code;

        LimitExceeded(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /**
     * What one render may still spend. A render runs on one thread (every value the sandbox hands
     * out is already there), so plain fields suffice.
     */
    private static final class Budget {
        int iterations;
        long evaluations;
        final long maxOutput;
        /** Characters produced by the loop iterations finished so far, each counted once. */
        long output;

        Budget(int iterations, long evaluations, long maxOutput) {
            this.iterations = iterations;
            this.evaluations = evaluations;
            this.maxOutput = maxOutput;
        }
    }

    private final Engine engine;
    private final int maxIterations;
    private final int maxEvaluations;
    private final int maxOutputChars;

    SandboxedQute(IssueConfig config) {
        this.maxIterations = config.templateMaxIterations();
        this.maxEvaluations = config.templateMaxEvaluations();
        this.maxOutputChars = config.templateMaxOutputChars();
        this.engine = Engine.builder()
                .addSectionHelper(new IfSectionHelper.Factory())
                .addSectionHelper(new BoundedLoop(new LoopSectionHelper.Factory()))
                .addSectionHelper(new WithSectionHelper.Factory())
                .addSectionHelper(new SetSectionHelper.Factory())
                .addSectionHelper(new WhenSectionHelper.Factory())
                .addValueResolvers(ValueResolvers.mapResolver(), ValueResolvers.mapperResolver(),
                        ValueResolvers.mapEntryResolver(), ValueResolvers.collectionResolver(),
                        ValueResolvers.listResolver(), ValueResolvers.thisResolver(), ValueResolvers.orResolver(),
                        ValueResolvers.orEmpty(), ValueResolvers.trueResolver(), ValueResolvers.logicalAndResolver(),
                        ValueResolvers.logicalOrResolver(), ValueResolvers.equalsResolver())
                .addValueResolver(new RecordComponents())
                .addResultMapper(new NotFoundIsEmpty())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .strictRendering(false)
                .removeStandaloneLines(true)
                .build();
    }

    /** Parses and checks a writer's source; refuses it with line and column. */
    Template parse(String source) {
        Template template;
        try {
            template = engine.parse(source, HTML, null);
        } catch (TemplateException e) {
            TemplateNode.Origin origin = e.getOrigin();
            int line = origin == null ? 1 : origin.getLine();
            int column = origin == null ? 1 : tagStart(source, line, origin.getLineCharacterStart());
            throw new Rejected("template_syntax", firstLine(e.getMessage()), line, column);
        }
        for (Expression expression : template.getExpressions()) {
            refuseNamespaces(expression);
        }
        return template;
    }

    /**
     * Renders with the per-render budgets; the data must be this package's records and maps. An
     * interrupted thread stops the render at its next loop iteration or written chunk.
     */
    String render(Template template, Map<String, Object> data) {
        TemplateInstance instance = template.instance();
        data.forEach(instance::data);
        instance.setAttribute(BUDGET, new Budget(maxIterations, maxEvaluations, maxOutputChars));
        StringBuilder out = new StringBuilder(8192);
        try {
            instance.consume(chunk -> {
                stopIfInterrupted();
                if (out.length() + chunk.length() > maxOutputChars) {
                    throw outputLimit(maxOutputChars);
                }
                out.append(chunk);
            }).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
        return out.toString();
    }

    private static LimitExceeded outputLimit(long max) {
        return new LimitExceeded("template_output_limit", "The template produced more than " + max + " characters");
    }

    private static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new LimitExceeded("template_too_costly", "The template took too long to render");
        }
    }

    private static RuntimeException unwrap(CompletionException e) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof LimitExceeded limit) {
                return limit;
            }
            cause = cause.getCause();
        }
        return new LimitExceeded("template_render_failed", "The template could not be rendered");
    }

    private static void refuseNamespaces(Expression expression) {
        if (expression.hasNamespace()) {
            TemplateNode.Origin origin = expression.getOrigin();
            throw new Rejected("template_forbidden", "'" + expression.getNamespace()
                    + ":' is not available in templates", origin.getLine(), origin.getLineCharacterStart());
        }
        for (Expression.Part part : expression.getParts()) {
            if (part.isVirtualMethod()) {
                for (Expression parameter : part.asVirtualMethod().getParameters()) {
                    refuseNamespaces(parameter);
                }
            }
        }
    }

    /**
     * Qute reports where it was in the line when it gave up, which for a tag is its end: the
     * column of the tag's opening brace instead, the one a writer looks for.
     */
    static int tagStart(String source, int line, int column) {
        String[] lines = source.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return Math.max(1, column);
        }
        String text = lines[line - 1];
        int from = Math.min(Math.max(0, column - 1), text.length() - 1);
        int brace = from < 0 ? -1 : text.lastIndexOf('{', from);
        return brace < 0 ? Math.max(1, column) : brace + 1;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "The template does not parse";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Properties of this package's records, by component name: the only objects besides maps and lists. */
    private static final class RecordComponents implements ValueResolver {

        private final Map<Class<?>, Map<String, Method>> accessors = new ConcurrentHashMap<>();

        @Override
        public boolean appliesTo(EvalContext context) {
            Object base = context.getBase();
            return base != null && base.getClass().isRecord()
                    && base.getClass().getPackageName().equals(SandboxedQute.class.getPackageName())
                    && context.getParams().isEmpty();
        }

        @Override
        public CompletionStage<Object> resolve(EvalContext context) {
            Method accessor = accessors.computeIfAbsent(context.getBase().getClass(), RecordComponents::components)
                    .get(context.getName());
            if (accessor == null) {
                return Results.notFound(context);
            }
            try {
                return CompletableFuture.completedFuture(accessor.invoke(context.getBase()));
            } catch (ReflectiveOperationException e) {
                return Results.notFound(context);
            }
        }

        private static Map<String, Method> components(Class<?> type) {
            Map<String, Method> byName = new java.util.HashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
                byName.put(component.getName(), component.getAccessor());
            }
            return byName;
        }
    }

    /** Whatever the template asks for that does not exist renders as nothing. */
    private static final class NotFoundIsEmpty implements ResultMapper {
        @Override
        public int getPriority() {
            return 100;
        }

        @Override
        public boolean appliesTo(TemplateNode.Origin origin, Object result) {
            return Results.isNotFound(result);
        }

        @Override
        public String map(Object result, Expression expression) {
            return "";
        }
    }

    /**
     * Qute's loop, with its iterable's size checked first against the render's iteration budget:
     * the stock loop allocates a list of the iterable's size before it starts, so
     * {@code {#for i in 2147483647}} would exhaust memory before any output bound could act.
     */
    private static final class BoundedLoop implements SectionHelperFactory<SectionHelper> {

        private final LoopSectionHelper.Factory delegate;

        BoundedLoop(LoopSectionHelper.Factory delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<String> getDefaultAliases() {
            return delegate.getDefaultAliases();
        }

        @Override
        public ParametersInfo getParameters() {
            return delegate.getParameters();
        }

        @Override
        public List<String> getBlockLabels() {
            return delegate.getBlockLabels();
        }

        @Override
        public Scope initializeBlock(Scope outer, BlockInfo block) {
            return delegate.initializeBlock(outer, block);
        }

        @Override
        public SectionHelper initialize(SectionInitContext context) {
            SectionHelper loop = delegate.initialize(context);
            Expression iterable = context.getExpression("iterable");
            long perIteration = 1 + expressionsIn(context.getBlocks().get(0));
            return resolution -> resolution.evaluate(iterable).thenCompose(value -> {
                Budget budget = (Budget) resolution.resolutionContext().getAttribute(BUDGET);
                long size = sizeOf(value);
                if (budget == null || size > budget.iterations) {
                    return failed(
                            new LimitExceeded("template_loop_limit", "The template's loops went over the iteration limit"));
                }
                // what the iterations will evaluate, charged before the first one runs
                if (size > budget.evaluations / perIteration) {
                    return failed(new LimitExceeded("template_too_costly",
                            "The template's loops would evaluate more expressions than one render may"));
                }
                budget.iterations -= (int) size;
                budget.evaluations -= size * perIteration;
                return loop.resolve(new Measured(resolution, budget));
            });
        }

        /** The expressions of a loop's body, those of nested sections included. */
        private static long expressionsIn(SectionBlock block) {
            long count = 0;
            for (TemplateNode node : block.nodes) {
                count += node.getExpressions().size();
            }
            return count;
        }

        private static CompletableFuture<ResultNode> failed(LimitExceeded limit) {
            CompletableFuture<ResultNode> stopped = new CompletableFuture<>();
            stopped.completeExceptionally(limit);
            return stopped;
        }

        private static long sizeOf(Object value) {
            if (value instanceof Number number) {
                return Math.max(0, number.longValue());
            }
            if (value instanceof Collection<?> collection) {
                return collection.size();
            }
            if (value instanceof Map<?, ?> map) {
                return map.size();
            }
            if (value instanceof Object[] array) {
                return array.length;
            }
            // anything else (streams, iterators, primitives' arrays) the sandbox never hands out
            return value == null || Results.isNotFound(value) ? 0 : Long.MAX_VALUE;
        }
    }

    /**
     * A loop's resolution that measures each iteration's output as soon as it is built: the
     * render stops at the first iteration past the output limit, before the next is built.
     * Output of a nested loop's iterations is counted by that loop, so each character once.
     */
    private static final class Measured implements SectionHelper.SectionResolutionContext {

        private final SectionHelper.SectionResolutionContext delegate;
        private final Budget budget;

        Measured(SectionHelper.SectionResolutionContext delegate, Budget budget) {
            this.delegate = delegate;
            this.budget = budget;
        }

        @Override
        public CompletionStage<ResultNode> execute(SectionBlock block, ResolutionContext context) {
            stopIfInterrupted();
            long before = budget.output;
            return delegate.execute(block, context).thenApply(node -> {
                long[] length = {0};
                node.process(chunk -> length[0] += chunk.length());
                long nested = budget.output - before;
                budget.output += length[0] - nested;
                if (budget.output > budget.maxOutput) {
                    throw outputLimit(budget.maxOutput);
                }
                return node;
            });
        }

        @Override
        public CompletionStage<Map<String, Object>> evaluate(Map<String, Expression> parameters) {
            return delegate.evaluate(parameters);
        }

        @Override
        public ResolutionContext resolutionContext() {
            return delegate.resolutionContext();
        }

        @Override
        public ResolutionContext newResolutionContext(Object data, Map<String, SectionBlock> extendingBlocks) {
            return delegate.newResolutionContext(data, extendingBlocks);
        }

        @Override
        public Map<String, Object> getParameters() {
            return delegate.getParameters();
        }
    }
}
