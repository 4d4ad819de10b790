package io.stowage.provider.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.stowage.spi.AttributeValue;
import io.stowage.spi.BlobCapability;
import io.stowage.spi.BlobContent;
import io.stowage.spi.BlobId;
import io.stowage.spi.BlobInfo;
import io.stowage.spi.BlobStore;
import io.stowage.spi.CopyBlobRequest;
import io.stowage.spi.DeleteBlobRequest;
import io.stowage.spi.DeleteOutcome;
import io.stowage.spi.GetBlobRequest;
import io.stowage.spi.ItemKeyRequest;
import io.stowage.spi.ItemPage;
import io.stowage.spi.ItemStore;
import io.stowage.spi.PresignedPut;
import io.stowage.spi.PutBlobRequest;
import io.stowage.spi.PutItemRequest;
import io.stowage.spi.QueryRequest;
import io.stowage.spi.StoreErrorCode;
import io.stowage.spi.StoreException;
import io.stowage.tck.BlobStoreTck;
import io.stowage.tck.StoreFactory;
import io.stowage.tck.StoreTck;
import io.stowage.tck.ItemStoreTck;
import io.stowage.tck.decorators.BlobOp;
import io.stowage.tck.decorators.FaultyBlobStore;
import io.stowage.tck.decorators.ForwardingBlobStore;
import io.stowage.tck.decorators.ForwardingItemStore;

import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * Proves that the TCK can fail: it runs chosen TCK tests, through the JUnit test kit,
 * against stores broken on purpose (a key cut at {@code ?}, deletes dropped, a flipped
 * byte, conditions ignored, ...) and checks that exactly those tests fail, while the same
 * tests pass on the unbroken in-memory store.
 *
 * <pre>{@code
 * mvn -pl provider-inmemory -am test -Dtest=TckCanFailTest
 * }</pre>
 */
class TckCanFailTest {

    private static final String SELF_TEST = "stowage.tck.self-test";

    // ------------------------------------------------------------- blob store

    @Test
    void keyTruncatingStoreFailsTheAwkwardKeyTest() {
        assertOnlyBrokenOneFails(KeyTruncatingKit.class, HealthyBlobKit.class, BlobStoreTck.class,
                "required_awkwardKeysAreStoredListedAndReadBackExactly");
    }

    @Test
    void deleteDroppingStoreFailsTheDeleteTest() {
        assertOnlyBrokenOneFails(DeleteDroppingKit.class, HealthyBlobKit.class, BlobStoreTck.class,
                "required_deleteRemovesTheObject");
    }

    @Test
    void byteFlippingStoreFailsTheRoundTrips() {
        EngineExecutionResults results = run(ByteFlippingKit.class, BlobStoreTck.class, "required_roundTrip");
        // Every upload of at least one byte comes back with its last byte flipped; 0-byte ones are untouched.
        assertThat(failedNames(results)).as("failed round trips").hasSize(12);
        assertThat(results.testEvents().succeeded().count()).as("passing 0-byte round trips").isEqualTo(4);
        assertThat(failureMessages(results)).allSatisfy(m -> assertThat(m).contains("bytes read back"));
        assertThat(run(HealthyBlobKit.class, BlobStoreTck.class, "required_roundTrip").testEvents().failed().count())
                .as("round trips failing on the healthy store").isZero();
    }

    @Test
    void storeThatHidesItsCapabilitiesFailsTheCanary() {
        assertOnlyBrokenOneFails(CapabilityHidingKit.class, HonestLimitedKit.class, BlobStoreTck.class,
                "required_undeclaredCapabilitiesAreRefused");
    }

    @Test
    void capabilityTestsAreSkippedWithTheReasonWhenUndeclared() {
        EngineExecutionResults results = run(CapabilityHidingKit.class, BlobStoreTck.class,
                "optional_presignedGetServesTheObject", "optional_rangeReads");
        List<String> reasons = results.testEvents().list().stream()
                .filter(e -> e.getType() == EventType.FINISHED)
                .map(e -> e.getPayload(TestExecutionResult.class)
                        .flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse(""))
                .collect(Collectors.toList());
        assertThat(reasons).as("reasons of the aborted (skipped) tests")
                .containsExactlyInAnyOrder("Assumption failed: provider does not declare PRESIGN_GET",
                        "Assumption failed: provider does not declare RANGE_READ");
        assertThat(results.testEvents().aborted().count()).as("tests reported as skipped").isEqualTo(2);
        assertThat(results.testEvents().succeeded().count()).as("tests reported as passed").isZero();
    }

    @Test
    void storeThatThrowsInsteadOfFailingItsFutureIsCaught() {
        EngineExecutionResults results = run(SyncThrowingKit.class, BlobStoreTck.class, "required_missingObjectFailsWithObjectNotFound");
        assertThat(failedNames(results)).containsExactly("required_missingObjectFailsWithObjectNotFound");
        assertThat(failureMessages(results)).allSatisfy(m -> assertThat(m).contains("instead of failing its future"));
    }

    @Test
    void timeoutHookIsUsedAndItsCodeChecked() {
        assertOnlyBrokenOneFails(WrongTimeoutCodeKit.class, TimeoutReportingKit.class, StoreTck.class,
                "optional_unresponsiveBackendFailsWithTimeout");
    }

    // ------------------------------------------------------------- item store

    @Test
    void conditionIgnoringStoreFailsEveryConditionTest() {
        String[] conditionTests = {
            "required_attributeNotExistsRefusesAnExistingItem",
            "required_attributeExistsRefusesAMissingItem",
            "required_equalToComparesTypedValues",
            "required_andConditionNeedsEveryPart",
            "required_conditionalDeleteKeepsTheItemWhenTheConditionIsFalse"};
        assertOnlyBrokenOneFails(ConditionIgnoringKit.class, HealthyItemKit.class, ItemStoreTck.class, conditionTests);
    }

    @Test
    void pageReversingStoreFailsTheOrderTests() {
        assertOnlyBrokenOneFails(PageReversingKit.class, HealthyItemKit.class, ItemStoreTck.class,
                "required_queryOrdersStringSortKeysByUtf8Bytes",
                "required_queryOrdersNumberSortKeysNumerically",
                "required_queryOrdersBinarySortKeysAsUnsignedBytes");
    }

    @Test
    void storeThatForgetsTheOldItemFailsThePutTest() {
        assertOnlyBrokenOneFails(ForgetfulPutKit.class, HealthyItemKit.class, ItemStoreTck.class,
                "required_putReturnsTheReplacedItem");
    }

    // ---------------------------------------------------------------- helpers

    /** Every named test fails on the broken kit and passes on the healthy one. */
    private static void assertOnlyBrokenOneFails(Class<?> broken, Class<?> healthy, Class<?> suite, String... tests) {
        EngineExecutionResults bad = run(broken, suite, tests);
        assertThat(failedNames(bad)).as("tests of %s that failed", broken.getSimpleName())
                .containsExactlyInAnyOrder(tests);
        EngineExecutionResults good = run(healthy, suite, tests);
        assertThat(failedNames(good)).as("tests of %s that failed: %s", healthy.getSimpleName(), failureMessages(good))
                .isEmpty();
        assertThat(good.testEvents().succeeded().count()).as("tests of %s that passed", healthy.getSimpleName())
                .isEqualTo(tests.length);
    }

    private static EngineExecutionResults run(Class<?> kit, Class<?> suite, String... tests) {
        List<MethodSelector> selectors = new ArrayList<>();
        for (String name : tests) {
            List<Method> methods = Arrays.stream(suite.getDeclaredMethods()).filter(m -> m.getName().equals(name))
                    .collect(Collectors.toList());
            assertThat(methods).as("TCK test %s", name).hasSize(1);
            selectors.add(selectMethod(kit, methods.get(0)));
        }
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(SELF_TEST, "true")
                .selectors(selectors.toArray(new MethodSelector[0]))
                .execute();
    }

    /** Names of the failed test methods (a parameterized method counts once per failed invocation). */
    private static List<String> failedNames(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> e.getTestDescriptor().getSource()
                        .filter(s -> s instanceof MethodSource)
                        .map(s -> ((MethodSource) s).getMethodName())
                        .orElse(e.getTestDescriptor().getDisplayName()))
                .collect(Collectors.toList());
    }

    private static List<String> failureMessages(EngineExecutionResults results) {
        return results.testEvents().failed().stream().map(TckCanFailTest::message).collect(Collectors.toList());
    }

    private static String message(Event event) {
        return event.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(String::valueOf).orElse("");
    }

    /**
     * Keeps the kits below from running on their own (surefire may pick up nested classes):
     * they are meant to fail, and only make sense inside this test.
     */
    static final class OnlyInsideTckCanFailTest implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(SELF_TEST).isPresent()
                    ? ConditionEvaluationResult.enabled("run by TckCanFailTest")
                    : ConditionEvaluationResult.disabled("a deliberately broken store; run only by TckCanFailTest");
        }
    }

    // ---------------------------------------------------------- blob kits

    @ExtendWith(OnlyInsideTckCanFailTest.class)
    static class HealthyBlobKit extends BlobStoreTck {
        @Override
        protected StoreFactory<BlobStore> blobStores() {
            return InMemoryStores.of(() -> InMemoryBlobStore.builder().versioning(true).build());
        }
    }

    /**
     * Declares neither presign, range reads nor if-match, and refuses them with UNSUPPORTED as
     * the SPI asks: the canary's control.
     */
    @ExtendWith(OnlyInsideTckCanFailTest.class)
    static class HonestLimitedKit extends BlobStoreTck {
        @Override
        protected StoreFactory<BlobStore> blobStores() {
            return InMemoryStores.of(() -> new ForwardingBlobStore(InMemoryBlobStore.builder().versioning(true).build()) {
                @Override
                public Set<BlobCapability> capabilities() {
                    return EnumSet.of(BlobCapability.VERSIONING, BlobCapability.MULTIPART_ETAG);
                }

                @Override
                public CompletableFuture<URI> presignGet(GetBlobRequest request, Duration expiry) {
                    return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.UNSUPPORTED, "no presign"));
                }

                @Override
                public CompletableFuture<PresignedPut> presignPut(PutBlobRequest request, Duration expiry) {
                    return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.UNSUPPORTED, "no presign"));
                }

                @Override
                public CompletableFuture<byte[]> getBytes(GetBlobRequest request) {
                    if (request.range().isPresent() || request.ifMatch().isPresent()) {
                        return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.UNSUPPORTED,
                                "no ranges, no if-match"));
                    }
                    return super.getBytes(request);
                }

                @Override
                public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
                    if (request.createOnly()) {
                        return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.UNSUPPORTED, "no claims"));
                    }
                    return super.put(request, content);
                }

                @Override
                public CompletableFuture<Void> delete(DeleteBlobRequest request) {
                    if (request.ifMatch().isPresent()) {
                        return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.UNSUPPORTED,
                                "no conditional deletes"));
                    }
                    return super.delete(request);
                }

                @Override
                public CompletableFuture<List<DeleteOutcome>> deleteAll(List<DeleteBlobRequest> requests) {
                    return BlobStore.deleteEach(requests, this::delete);
                }

                @Override
                public CompletableFuture<BlobInfo> copy(CopyBlobRequest request) {
                    return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.UNSUPPORTED, "no copies"));
                }
            });
        }
    }

    /** Cuts every key at its first {@code ?}, as a careless URL builder would. */
    @ExtendWith(OnlyInsideTckCanFailTest.class)
    static class KeyTruncatingKit extends BlobStoreTck {
        @Override
        protected StoreFactory<BlobStore> blobStores() {
            return InMemoryStores.of(() -> new ForwardingBlobStore(InMemoryBlobStore.create()) {
                private BlobId cut(BlobId id) {
                    int q = id.key().indexOf('?');
                    return q < 0 ? id : BlobId.of(id.bucket(), id.key().substring(0, q));
                }

                @Override
                public CompletableFuture<BlobInfo> put(PutBlobRequest request, BlobContent content) {
                    return super.put(PutBlobRequest.builder().id(cut(request.id())).contentType(request.contentType())
                            .userMetadata(request.userMetadata()).build(), content);
                }

                @Override
                public CompletableFuture<BlobInfo> head(GetBlobRequest request) {
                    return super.head(request.toBuilder().id(cut(request.id())).build());
                }

                @Override
                public CompletableFuture<byte[]> getBytes(GetBlobRequest request) {
                    return super.getBytes(request.toBuilder().id(cut(request.id())).build());
                }
            });
        }
    }

    /** Acknowledges deletes without doing them. */
    @ExtendWith(OnlyInsideTckCanFailTest.class)
    static class DeleteDroppingKit extends BlobStoreTck {
        @Override
        protected StoreFactory<BlobStore> blobStores() {
            return InMemoryStores.of(() -> new ForwardingBlobStore(InMemoryBlobStore.create()) {
                @Override
                public CompletableFuture<Void> delete(DeleteBlobRequest request) {
                    return CompletableFuture.completedFuture(null);
                }
            });
        }
    }

    /** Returns the right length with the last byte flipped. */
    @ExtendWith(OnlyInsideTckCanFailTest.class)
    static class ByteFlippingKit extends BlobStoreTck {
        @Override
        protected StoreFactory<BlobStore> blobStores() {
            return InMemoryStores.of(() -> new ForwardingBlobStore(InMemoryBlobStore.create()) {
                @Override
                public CompletableFuture<byte[]> getBytes(GetBlobRequest request) {
                    return super.getBytes(request).thenApply(bytes -> {
                        if (bytes.length > 0) {
                            bytes[bytes.length - 1] ^= 1;
                        }
                        return bytes;
                    });
                }
            });
        }
    }

    /** Declares no capability but quietly performs them all: the canary must notice. */
    @ExtendWith(OnlyInsideTckCanFailTest.class)
    static class CapabilityHidingKit extends BlobStoreTck {
        @Override
        protected StoreFactory<BlobStore> blobStores() {
            return InMemoryStores.of(() -> new ForwardingBlobStore(InMemoryBlobStore.create()) {
                @Override
                public Set<BlobCapability> capabilities() {
                    return Collections.emptySet();
                }
            });
        }
    }

    /** Throws from head instead of failing the future, against the SPI's contract. */
    @ExtendWith(OnlyInsideTckCanFailTest.class)
    static class SyncThrowingKit extends BlobStoreTck {
        @Override
        protected StoreFactory<BlobStore> blobStores() {
            return InMemoryStores.of(() -> new ForwardingBlobStore(InMemoryBlobStore.create()) {
                @Override
                public CompletableFuture<BlobInfo> head(GetBlobRequest request) {
                    throw new StoreException(StoreErrorCode.OBJECT_NOT_FOUND, "thrown instead of returned");
                }
            });
        }
    }

    /** Stands for a networked store: from settings that name an endpoint, one that reports TIMEOUT, as a real one must. */
    @ExtendWith(OnlyInsideTckCanFailTest.class)
    static class TimeoutReportingKit extends BlobStoreTck {
        @Override
        protected StoreFactory<BlobStore> blobStores() {
            return silentBackend(StoreErrorCode.TIMEOUT);
        }
    }

    /** As {@link TimeoutReportingKit}, but it reports a hung backend as a CONNECTION error. */
    @ExtendWith(OnlyInsideTckCanFailTest.class)
    static class WrongTimeoutCodeKit extends BlobStoreTck {
        @Override
        protected StoreFactory<BlobStore> blobStores() {
            return silentBackend(StoreErrorCode.CONNECTION);
        }
    }

    private static StoreFactory<BlobStore> silentBackend(StoreErrorCode code) {
        return StoreFactory.<BlobStore>of(settings -> settings.endpoint().isEmpty()
                ? InMemoryBlobStore.builder().versioning(true).build()
                : FaultyBlobStore.builder(InMemoryBlobStore.create())
                        .failAlways(BlobOp.GET_BYTES, code)
                        .failAlways(BlobOp.PUT, code)
                        .build()).build();
    }


    // ---------------------------------------------------------- item kits

    @ExtendWith(OnlyInsideTckCanFailTest.class)
    static class HealthyItemKit extends ItemStoreTck {
        @Override
        protected StoreFactory<ItemStore> itemStores() {
            return InMemoryStores.of(() -> InMemoryItemStore.create());
        }
    }

    /** Drops the condition of every put and delete. */
    @ExtendWith(OnlyInsideTckCanFailTest.class)
    static class ConditionIgnoringKit extends ItemStoreTck {
        @Override
        protected StoreFactory<ItemStore> itemStores() {
            return InMemoryStores.of(() -> new ForwardingItemStore(InMemoryItemStore.create()) {
                @Override
                public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request) {
                    return super.put(PutItemRequest.builder().table(request.table()).item(request.item()).build());
                }

                @Override
                public CompletableFuture<Optional<Map<String, AttributeValue>>> delete(ItemKeyRequest request) {
                    return super.delete(ItemKeyRequest.builder().table(request.table()).key(request.key()).build());
                }
            });
        }
    }

    /** Returns each page of a query in reverse order. */
    @ExtendWith(OnlyInsideTckCanFailTest.class)
    static class PageReversingKit extends ItemStoreTck {
        @Override
        protected StoreFactory<ItemStore> itemStores() {
            return InMemoryStores.of(() -> new ForwardingItemStore(InMemoryItemStore.create()) {
                @Override
                public CompletableFuture<ItemPage> query(QueryRequest request) {
                    return super.query(request).thenApply(page -> {
                        List<Map<String, AttributeValue>> items = new ArrayList<>(page.items());
                        Collections.reverse(items);
                        return ItemPage.of(items, page.lastEvaluatedKey().orElse(null));
                    });
                }
            });
        }
    }

    /** Never reports the item a put replaced. */
    @ExtendWith(OnlyInsideTckCanFailTest.class)
    static class ForgetfulPutKit extends ItemStoreTck {
        @Override
        protected StoreFactory<ItemStore> itemStores() {
            return InMemoryStores.of(() -> new ForwardingItemStore(InMemoryItemStore.create()) {
                @Override
                public CompletableFuture<Optional<Map<String, AttributeValue>>> put(PutItemRequest request) {
                    return super.put(request).thenApply(old -> Optional.empty());
                }
            });
        }
    }
}
