/**
 * An SPI bus as the e-paper drivers see it: bytes out, nothing read back (the panels are
 * write-only on MOSI). The real one is /dev/spidevB.C through spi-device; the simulated
 * panel implements it too and decodes what it receives.
 */
export interface SpiBus {
  /**
   * Sends bytes. spidev caps one message at its `bufsiz`, so long buffers go out in chunks and chip
   * select rises between them; the Waveshare controllers accept that (the vendor splits the same way).
   */
  write(bytes: Uint8Array): void;
  close(): void;
}
