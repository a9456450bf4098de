package io.zhixin.http;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR codes as PNG with zxing core (no AWT window needed), for the links a wallet scans: credential offers and
 * presentation requests (applications get those from {@code CredentialOffer.qrPng} and
 * {@code PresentationSession.qrPng}).
 */
public final class QrCodes {
  private QrCodes() {}

  /**
   * Encodes {@code text} as a black-on-white QR code PNG of about {@code size} pixels square, with a quiet zone.
   *
   * @throws IllegalArgumentException if the text does not fit in a QR code or the size is out of 64..2048
   */
  public static byte[] png(String text, int size) {
    if (size < 64 || size > 2048) {
      throw new IllegalArgumentException("QR code size must be 64..2048 pixels, found " + size);
    }
    BitMatrix m;
    try {
      m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4,
              EncodeHintType.CHARACTER_SET, "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalArgumentException("text does not fit in a QR code (" + text.length() + " characters)", e);
    }
    BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        img.setRGB(x, y, m.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
