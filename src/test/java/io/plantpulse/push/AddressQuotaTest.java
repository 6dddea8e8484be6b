package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sessions per client address. */
class AddressQuotaTest {

  @Test
  void shouldAdmitEachAddressUpToItsShareAndAgainAfterARelease() {
    AddressQuota cut = new AddressQuota(2);

    assertTrue(cut.acquire("10.0.0.1"));
    assertTrue(cut.acquire("10.0.0.1"));
    assertFalse(cut.acquire("10.0.0.1"));
    assertTrue(cut.acquire("10.0.0.2"));

    cut.release("10.0.0.1");
    assertTrue(cut.acquire("10.0.0.1"));
    assertFalse(cut.acquire("10.0.0.1"));
  }

  @Test
  void shouldNotLetAReleaseOfAnUnknownAddressMakeRoomForAnother() {
    AddressQuota cut = new AddressQuota(1);
    cut.acquire("10.0.0.1");

    cut.release("10.0.0.9");
    cut.release("10.0.0.9");

    assertFalse(cut.acquire("10.0.0.1"));
  }

  @Test
  void shouldAdmitEverythingWhenOffOrWhenTheServerDoesNotTellTheAddress() {
    AddressQuota off = new AddressQuota(0);
    AddressQuota on = new AddressQuota(1);

    for (int i = 0; i < 100; i++) {
      assertTrue(off.acquire("10.0.0.1"));
      assertTrue(on.acquire(null));
    }
  }
}
