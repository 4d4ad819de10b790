package io.stowage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.spi.BlobId;

import org.junit.jupiter.api.Test;

/** What a clean-up may skip its look for: only an object placed here at a derived key, for the same owner, with the same etag. */
class PlacedObjectsTest {

    private static final BlobId KEY = BlobId.of("docs", "DOC/1/v1/~k3x7ab2cd4ef/scan.pdf");
    private static final ObjectOwner OWNER = new ObjectOwner("documents", "DOC#1", "v1", "content");

    @Test
    void anObjectPlacedForAnOwnerIsProvedOnlyForThatOwnerAndEtag() {
        PlacedObjects placed = new PlacedObjects();
        placed.placedAtDerivedKey(KEY, OWNER, "e1");
        assertThat(placed.isTaken(KEY)).isTrue();
        assertThat(placed.placedFor(KEY, OWNER, "e1")).isTrue();
        assertThat(placed.placedFor(KEY, OWNER, "e2")).as("another etag").isFalse();
        assertThat(placed.placedFor(KEY, OWNER.withAttribute("other"), "e1")).as("another attribute").isFalse();
        assertThat(placed.placedFor(KEY, new ObjectOwner("documents", "DOC#1", null, "content"), "e1")).as("another item").isFalse();
        assertThat(placed.placedFor(KEY, OWNER, null)).as("an item that recorded no etag").isFalse();
        assertThat(placed.placedFor(BlobId.of("other", KEY.key()), OWNER, "e1")).as("another bucket").isFalse();
        assertThat(placed.placedFor(BlobId.of("docs", KEY.key(), "eu-west-1"), OWNER, "e1")).as("the region is not identity").isTrue();
    }

    @Test
    void aKeyTakenBySomeoneElseOrFreedProvesNothing() {
        PlacedObjects placed = new PlacedObjects();
        placed.placedAtDerivedKey(KEY, OWNER, "e1");
        placed.taken(KEY);
        assertThat(placed.isTaken(KEY)).isTrue();
        assertThat(placed.placedFor(KEY, OWNER, "e1")).as("after a refused claim").isFalse();

        placed.placedAtDerivedKey(KEY, OWNER, "e1");
        placed.freed(KEY);
        assertThat(placed.isTaken(KEY)).isFalse();
        assertThat(placed.placedFor(KEY, OWNER, "e1")).as("after a delete").isFalse();

        placed.placedAtDerivedKey(KEY, OWNER, null);
        assertThat(placed.isTaken(KEY)).as("a placement whose etag is unknown").isTrue();
        assertThat(placed.placedFor(KEY, OWNER, "e1")).isFalse();
    }

    @Test
    void ownersThatDifferOnlyInHowTheirFieldsSplitAreDifferent() {
        PlacedObjects placed = new PlacedObjects();
        placed.placedAtDerivedKey(KEY, new ObjectOwner("t", "ab", "c", "x"), "e1");
        assertThat(placed.placedFor(KEY, new ObjectOwner("t", "a", "bc", "x"), "e1")).isFalse();
        assertThat(placed.placedFor(KEY, new ObjectOwner("t", "abc", null, "x"), "e1")).isFalse();
        assertThat(placed.placedFor(KEY, new ObjectOwner("t", "ab", "", "x"), "e1")).as("an empty sort key is not none").isFalse();
        assertThat(placed.placedFor(KEY, new ObjectOwner("t", "ab", "c", "x"), "e1")).isTrue();
    }

    @Test
    void atMostCapacityKeysAreKeptTheOldestGoingFirst() {
        PlacedObjects placed = new PlacedObjects();
        for (int i = 0; i <= PlacedObjects.CAPACITY; i++) {
            placed.placedAtDerivedKey(BlobId.of("docs", "k" + i), OWNER, "e" + i);
        }
        assertThat(placed.size()).isEqualTo(PlacedObjects.CAPACITY);
        assertThat(placed.placedFor(BlobId.of("docs", "k0"), OWNER, "e0")).as("the oldest").isFalse();
        assertThat(placed.placedFor(BlobId.of("docs", "k1"), OWNER, "e1")).isTrue();
        assertThat(placed.placedFor(BlobId.of("docs", "k" + PlacedObjects.CAPACITY), OWNER, "e" + PlacedObjects.CAPACITY)).isTrue();
    }

    @Test
    void aStreamOfTakenSeedKeysDoesNotPushOutTheProofs() {
        PlacedObjects placed = new PlacedObjects();
        placed.placedAtDerivedKey(KEY, OWNER, "e1");
        for (int i = 0; i < 2 * PlacedObjects.CAPACITY; i++) {
            placed.taken(BlobId.of("docs", "new/" + i + "/scan.pdf"));
        }
        assertThat(placed.placedFor(KEY, OWNER, "e1")).isTrue();
        assertThat(placed.size()).isEqualTo(PlacedObjects.CAPACITY + 1);
    }

    @Test
    void theSeedOfADerivedKeyIsTheKeyWithoutItsTokenSegment() {
        assertThat(ObjectKeys.seedOfDerived("docs/DOC/1/v1/~k3x7ab2cd4ef/scan.pdf")).contains("docs/DOC/1/v1/scan.pdf");
        assertThat(ObjectKeys.seedOfDerived("~k3x7ab2cd4ef/scan.pdf")).contains("scan.pdf");
        assertThat(ObjectKeys.seedOfDerived("docs/DOC/1/v1/scan.pdf")).as("a plain key").isEmpty();
        assertThat(ObjectKeys.seedOfDerived("docs/DOC/1/%7Ek3x7ab2cd4ef/scan.pdf")).as("an encoded ~").isEmpty();
        assertThat(ObjectKeys.seedOfDerived("docs/~k3x7ab2cd4e/scan.pdf")).as("a token too short").isEmpty();
        assertThat(ObjectKeys.seedOfDerived("docs/~k3x7ab2cd4e1/scan.pdf")).as("a character no token has").isEmpty();
        assertThat(ObjectKeys.seedOfDerived("scan.pdf")).isEmpty();
    }
}
