package io.zhixin.samples.portals;

import io.zhixin.http.HttpAnswer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The portals' whole template approach: escaped text, bilingual labels, and one page layout. Every value that comes
 * from a credential or a form goes through {@link #esc(Object)}.
 */
final class Html {
  private Html() {}

  /** Escapes text for HTML element content and attribute values. */
  static String esc(Object value) {
    String s = String.valueOf(value);
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A Chinese label with its English translation beside it. */
  static String label(String zh, String en) {
    return "<span lang=\"zh\">" + esc(zh) + "</span> <span class=\"en\" lang=\"en\">" + esc(en) + "</span>";
  }

  /** A read-only form field pre-filled from a disclosed claim. */
  static String prefilled(String name, String zh, String en, Object value) {
    return "<label for=\"" + esc(name) + "\">" + label(zh, en) + " <small class=\"from-vc\">"
        + label("来自凭证", "from credential") + "</small></label>"
        + "<input id=\"" + esc(name) + "\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\" readonly>";
  }

  /** An editable field. */
  static String field(String name, String zh, String en, String type, Object value) {
    return "<label for=\"" + esc(name) + "\">" + label(zh, en) + "</label><input id=\"" + esc(name) + "\" name=\""
        + esc(name) + "\" type=\"" + esc(type) + "\" value=\"" + esc(value) + "\" required>";
  }

  private static final String STYLE = """
      body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:0;background:#f4f6f9;color:#1d2733}
      header{background:#b3261e;color:#fff;padding:14px 28px;display:flex;justify-content:space-between;align-items:center}
      header.bank{background:#0b4f8a}
      header h1{font-size:20px;margin:0}header a,header button{color:#fff}
      main{max-width:860px;margin:24px auto;background:#fff;padding:24px 32px;border-radius:6px;box-shadow:0 1px 4px #0002}
      .en{color:#5b6b7c;font-size:.9em}header .en{color:#f3d9d7}header.bank .en{color:#cfe0f1}
      label{display:block;margin-top:12px;font-weight:600}
      input,select{width:100%;box-sizing:border-box;padding:8px;font-size:15px;border:1px solid #b8c2cc;border-radius:4px}
      input[readonly]{background:#eef5ee}
      small.from-vc{font-weight:400;color:#2e7d32}
      button{margin-top:18px;padding:9px 20px;font-size:15px;background:#b3261e;color:#fff;border:0;border-radius:4px;cursor:pointer}
      .bank button{background:#0b4f8a}button .en{color:#f4f4f4}
      .qr{display:flex;gap:28px;align-items:center}.qr img{image-rendering:pixelated;border:1px solid #ccd}
      .purpose{background:#fff8e1;padding:8px 12px;border-left:4px solid #f9a825}
      ul.services li{margin:10px 0}.kind{display:inline-block;min-width:240px;color:#5b6b7c}
      .ok{color:#2e7d32;font-weight:700}.refused{color:#b3261e;font-weight:700}
      table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e3e8ee;padding:6px;text-align:left}
      code{word-break:break-all;font-size:12px}
      """;

  /** A whole page. {@code headerRight} is raw HTML (already escaped). */
  static String page(String titleZh, String titleEn, String bodyClass, String headerRight, String body) {
    return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + esc(titleZh) + " / "
        + esc(titleEn) + "</title><style>" + STYLE + "</style></head><body class=\"" + esc(bodyClass) + "\">"
        + "<header class=\"" + esc(bodyClass) + "\"><h1>" + label(titleZh, titleEn) + "</h1><div>" + headerRight
        + "</div></header><main>" + body + "</main></body></html>";
  }

  /**
   * A script that polls {@code statusPath} every second and reloads the page once the answer is no longer pending.
   */
  static String poll(String statusPath) {
    return "<p id=\"status\" data-status=\"pending\">" + label("等待钱包回应…", "Waiting for the wallet…") + "</p>"
        + "<script>(function(){var t=setInterval(function(){fetch('" + esc(statusPath)
        + "',{credentials:'same-origin',cache:'no-store'}).then(function(r){return r.json()}).then(function(j){"
        + "var s=document.getElementById('status');s.dataset.status=j.status;"
        + "if(j.status!=='pending'){clearInterval(t);location.reload();}}).catch(function(){});},1000);})();</script>";
  }

  static HttpAnswer html(int status, String page, Map<String, String> headers) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put("Cache-Control", "no-store");
    h.put("X-Frame-Options", "DENY");
    h.put("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'");
    return new HttpAnswer(status, "text/html; charset=utf-8", h, page.getBytes(StandardCharsets.UTF_8));
  }

  static HttpAnswer json(String json, Map<String, String> headers) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put("Cache-Control", "no-store");
    return new HttpAnswer(200, "application/json", h, json.getBytes(StandardCharsets.UTF_8));
  }

  static HttpAnswer png(byte[] png) {
    return new HttpAnswer(200, "image/png", Map.of("Cache-Control", "no-store"), png);
  }

  static HttpAnswer redirect(String location, Map<String, String> headers) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put("Location", location);
    return new HttpAnswer(303, null, h, new byte[0]);
  }

  static HttpAnswer notFound() {
    return html(404, page("未找到", "Not found", "", "", "<p>" + label("没有这个页面。", "No such page.") + "</p>"), Map.of());
  }
}
