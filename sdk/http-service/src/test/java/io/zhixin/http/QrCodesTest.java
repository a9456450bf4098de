package io.zhixin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodesTest {

  @Test
  void png_offerUri_decodesBackToSameText() throws Exception {
    String text = "openid4vp://?client_id=decentralized_identifier%3Adid%3Aweb%3Abank.example&request_uri=https%3A"
        + "%2F%2Fbank.example%2Fvp%2Frequest%2F开户";
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(QrCodes.png(text, 400)));
    assertThat(img.getWidth()).isBetween(380, 420);
    int[] rgb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(img.getWidth(), img.getHeight(), rgb)));
    assertThat(new QRCodeReader().decode(bitmap).getText()).isEqualTo(text);
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
