package io.plantpulse.bench;

import java.lang.management.ManagementFactory;

/** Heap measurement for the in-process memory benchmarks. */
public final class Heap {

  private Heap() {}

  /** The used heap after a few full collections: what is still reachable. */
  public static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  public static String jvm() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
  }
}
