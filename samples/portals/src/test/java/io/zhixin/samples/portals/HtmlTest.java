package io.zhixin.samples.portals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void esc_markupFromACredential_isText() {
    assertThat(Html.esc("<script>alert('陈')</script> & \"x\""))
        .isEqualTo("&lt;script&gt;alert(&#39;陈&#39;)&lt;/script&gt; &amp; &quot;x&quot;");
  }

  @Test
  void prefilled_valueWithQuotes_staysInsideTheAttribute() {
    assertThat(Html.prefilled("name", "姓名", "Name", "a\" onfocus=\"x"))
        .contains("value=\"a&quot; onfocus=&quot;x\" readonly");
  }

  @Test
  void residentId_demoCitizen_passesTheGb11643Check() {
    assertThat(io.zhixin.credentials.domain.ResidentIdNumber.parse(Portals.CITIZEN_ID_NUMBER).value())
        .isEqualTo(Portals.CITIZEN_ID_NUMBER);
    assertThat(Portals.residentId("11010519491231002")).isEqualTo("11010519491231002X");
  }
}
