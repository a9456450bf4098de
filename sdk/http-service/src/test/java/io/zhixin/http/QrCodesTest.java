package io.zhixin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodesTest {

  @Test
  void png_offerUri_decodesBackToSameText() throws Exception {
    String text = "openid4vp://?client_id=decentralized_identifier%3Adid%3Aweb%3Abank.example&request_uri=https%3A"
        + "%2F%2Fbank.example%2Fvp%2Frequest%2F开户";
    byte[] png = QrCodes.png(text, 400);
    assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isBetween(380, 420);
    assertThat(decode(png)).isEqualTo(text);
  }

  /**
   * Offer links differ only in a random id, and about one id in a hundred makes zxing's finder-pattern search give up on
   * a clean image (CI saw it). Many random links, read as the pure barcode they are, pin down that every one we draw
   * has exact geometry: square modules and a quiet zone.
   */
  @Test
  void png_manyRandomOfferLinks_allDecode() throws Exception {
    Random random = new Random(4);
    for (int i = 0; i < 300; i++) {
      byte[] id = new byte[16];
      random.nextBytes(id);
      String text = "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fgov.example%3A" + (1024 + i)
          + "%2Fvci%2Fcredential-offer%2F" + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
      assertThat(decode(QrCodes.png(text, 400))).as(text).isEqualTo(text);
    }
  }

  /** Reads a QR code PNG back; tests elsewhere that scan {@code qrPng} output do the same. */
  static String decode(byte[] png) throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    int[] rgb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(img.getWidth(), img.getHeight(), rgb)));
    return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
  }

  @Test
  void png_sizeOutOfRange_throwsIllegalArgument() {
    assertThatThrownBy(() -> QrCodes.png("x", 63)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("QR code size must be 64..2048 pixels, found 63");
    assertThatThrownBy(() -> QrCodes.png("x", 2049)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void png_textTooLongForQrCode_throwsIllegalArgument() {
    assertThatThrownBy(() -> QrCodes.png("x".repeat(5000), 400)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5000 characters");
  }
}
