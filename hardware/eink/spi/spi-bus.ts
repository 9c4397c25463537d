/**
 * An SPI bus as the e-paper drivers see it: bytes out, nothing read back (the panels are
 * write-only on MOSI). The real one is /dev/spidevB.C through spi-device; the simulated
 * panel implements it too and decodes what it receives.
 */
export interface SpiBus {
  /** Sends bytes with chip select held for the whole buffer (split into kernel-sized transfers if needed). */
  write(bytes: Uint8Array): void;
  close(): void;
}
