package io.zhixin.samples.portals;

import static io.zhixin.samples.portals.Html.esc;
import static io.zhixin.samples.portals.Html.label;

import io.zhixin.chain.SubsidyRegistry;
import io.zhixin.credentials.domain.DomainCredential;
import io.zhixin.credentials.domain.DomainType;
import io.zhixin.http.HttpAnswer;
import io.zhixin.http.HttpCall;
import io.zhixin.oid4vci.CredentialData;
import io.zhixin.oid4vci.CredentialIssuerService;
import io.zhixin.oid4vci.CredentialOffer;
import io.zhixin.oid4vp.CredentialQuery;
import io.zhixin.oid4vp.DcqlQuery;
import io.zhixin.oid4vp.PresentationResult;
import io.zhixin.oid4vp.PresentationSession;
import io.zhixin.oid4vp.VerifierService;
import io.zhixin.samples.portals.WebSessions.WebSession;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Chancheng citizen portal (禅城区市民服务门户): scan a QR code with the wallet to log in, then four services, one
 * of each kind, each asking the wallet (OpenID4VP, DCQL) for just the claims its form needs and pre-filling the
 * form with them. The subsidy ends in an on-chain claim that the same person cannot make twice.
 */
final class CitizenPortal {
  static final String LOGIN_PURPOSE = "登录禅城区市民服务门户 / Log in to the Chancheng citizen portal";
  private static final String IDENTITY = DomainType.NATURAL_PERSON_IDENTITY.vct();
  private static final Pattern SERVICE = Pattern.compile("/services/([a-z]+)(/status|/qr\\.png|/offer\\.png)?");

  /** A service of the portal: what kind it is, why it asks, and which identity claims its form needs. */
  record Service(String id, String kindZh, String kindEn, String zh, String en, String purpose, List<String> claims) {
    DcqlQuery query() {
      CredentialQuery.Builder q = CredentialQuery.sdJwt("id").vct(IDENTITY);
      claims.forEach(q::claim);
      return DcqlQuery.builder().credential(q.build()).build();
    }
  }

  static final List<Service> SERVICES = List.of(
      new Service("household", "证明办理", "Document processing", "户籍证明申请", "Household registration certificate",
          "开具户籍证明 / Issue a household registration certificate",
          List.of("name", "subject_id", "resident_id", "registered_area/code", "registered_area/name")),
      new Service("residence", "证照签发", "Certificate issuance", "居住证明电子证照", "Residence certificate credential",
          "签发居住证明电子证照 / Issue a residence certificate credential",
          List.of("name", "subject_id", "registered_area/code", "registered_area/name")),
      new Service("senior", "资格认证", "Qualification certification", "老年人资格认证", "Senior-citizen qualification",
          "认证老年人资格（年满60周岁） / Certify senior-citizen status (aged 60 or over)",
          List.of("name", "subject_id", "age_over_60")),
      new Service("transport", "补贴申领", "Small subsidy", "长者交通补贴", "Senior transport subsidy",
          "申领长者交通补贴（每人一次） / Claim the senior transport subsidy (once per person)",
          List.of("name", "subject_id", "age_over_60")));

  private final District district;
  private final VerifierService verifier;
  private final CredentialIssuerService psbIssuer;
  private final CredentialIssuerService civilIssuer;
  private final WebSessions sessions = new WebSessions("zx_citizen");
  private final SecureRandom random = new SecureRandom();

  CitizenPortal(District district, VerifierService verifier, CredentialIssuerService psbIssuer,
      CredentialIssuerService civilIssuer) {
    this.district = district;
    this.verifier = verifier;
    this.psbIssuer = psbIssuer;
    this.civilIssuer = civilIssuer;
  }

  HttpAnswer handle(HttpCall call) {
    String p = call.path();
    String m = call.method();
    WebSession s = sessions.find(call);
    if (p.equals("/") && m.equals("GET")) {
      return s != null && s.get("user") != null ? home(s) : loginPage(s);
    }
    if (p.equals("/login/qr.png") && m.equals("GET")) {
      PresentationSession login = s == null ? null : s.get("login");
      return login == null ? Html.notFound() : Html.png(login.qrPng(360));
    }
    if (p.equals("/login/status") && m.equals("GET")) {
      return loginStatus(s);
    }
    if (p.equals("/logout") && m.equals("POST")) {
      if (s != null && formOk(s, call)) {
        sessions.end(s);
      }
      return Html.redirect("/", Map.of("Set-Cookie", sessions.clearCookie()));
    }
    Matcher sm = SERVICE.matcher(p);
    if (sm.matches()) {
      Service service = SERVICES.stream().filter(x -> x.id().equals(sm.group(1))).findFirst().orElse(null);
      if (service == null) {
        return Html.notFound();
      }
      if (s == null || s.get("user") == null) {
        return Html.redirect("/", Map.of());
      }
      String tail = sm.group(2);
      if (tail == null && m.equals("GET")) {
        return servicePage(s, service);
      }
      if (tail == null && m.equals("POST")) {
        return submit(s, service, call);
      }
      if ("/status".equals(tail) && m.equals("GET")) {
        return Html.json("{\"status\":\"" + serviceStatus(s, service) + "\"}", Map.of());
      }
      if ("/qr.png".equals(tail) && m.equals("GET")) {
        PresentationSession ps = s.get("request:" + service.id());
        return ps == null ? Html.notFound() : Html.png(ps.qrPng(360));
      }
      if ("/offer.png".equals(tail) && m.equals("GET")) {
        CredentialOffer offer = s.get("offer:" + service.id());
        return offer == null ? Html.notFound() : Html.png(offer.qrPng(360));
      }
    }
    return Html.notFound();
  }

  // ------------------------------------------------------------------ login

  private HttpAnswer loginPage(WebSession s) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (s == null) {
      s = sessions.create();
      headers.put("Set-Cookie", sessions.setCookie(s));
    }
    PresentationSession login = s.get("login");
    if (login == null || login.expiresAt().isBefore(district.clock.instant().plusSeconds(30))) {
      DcqlQuery q = DcqlQuery.builder().credential(CredentialQuery.sdJwt("id").vct(IDENTITY).claim("name")
          .claim("subject_id").build()).build();
      login = verifier.request(q, LOGIN_PURPOSE);
      s.put("login", login);
    }
    String problem = s.get("loginProblem");
    s.put("loginProblem", null);
    String body = "<h2>" + label("扫码登录", "Scan to log in") + "</h2>"
        + (problem == null ? "" : "<p class=\"refused\" id=\"problem\">" + label("登录未完成，请重新扫码。",
            "Not logged in; scan the new code.") + " " + esc(problem) + "</p>")
        + "<div class=\"qr\"><img id=\"login-qr\" src=\"/login/qr.png?t=" + esc(login.expiresAt().getEpochSecond())
        + "\" alt=\"OpenID4VP QR\"><div>"
        + "<p>" + label("请用智信钱包扫描二维码，出示身份凭证中的姓名。", "Scan the QR code with your Zhixin wallet and share the "
        + "name from your identity credential.") + "</p>"
        + "<p class=\"purpose\">" + label("用途", "Purpose") + ": " + esc(login.purpose()) + "</p>"
        + "<p>" + label("请求内容", "Asked for") + ": name, subject_id</p>"
        + "<details><summary>" + label("命令行钱包", "Command-line wallet") + "</summary><code id=\"request-uri\">"
        + esc(login.requestUri()) + "</code></details>"
        + Html.poll("/login/status") + "</div></div>";
    return Html.html(200, Html.page("禅城区市民服务门户", "Chancheng citizen portal", "citizen", "", body), headers);
  }

  private HttpAnswer loginStatus(WebSession s) {
    if (s == null) {
      return Html.json("{\"status\":\"expired\"}", Map.of());
    }
    synchronized (s) { // two polls at once must not log in twice
      return loginStatusLocked(s);
    }
  }

  private HttpAnswer loginStatusLocked(WebSession s) {
    PresentationSession login = s.get("login");
    if (login == null) {
      return Html.json(s.get("user") != null ? "{\"status\":\"verified\"}" : "{\"status\":\"expired\"}",
          Map.of());
    }
    PresentationResult r = verifier.result(login.transactionId());
    Map<String, String> headers = new LinkedHashMap<>();
    if (r.isVerified()) {
      Map<String, Object> claims = r.claims("id");
      WebSession fresh = sessions.rotate(s);
      fresh.put("login", null);
      fresh.put("user", new LinkedHashMap<>(claims));
      headers.put("Set-Cookie", sessions.setCookie(fresh));
    } else if (r.status() != PresentationResult.Status.PENDING) {
      s.put("login", null); // the next page load makes a new request
      s.put("loginProblem", r.status() + (r.walletError() != null ? " (" + r.walletError() + ")" : "")
          + (r.problems().isEmpty() ? "" : ": " + String.join("; ", r.problems())));
    }
    return Html.json("{\"status\":\"" + r.status().name().toLowerCase(Locale.ROOT) + "\"}", headers);
  }

  // ------------------------------------------------------------------ home

  private HttpAnswer home(WebSession s) {
    Map<String, Object> user = s.get("user");
    StringBuilder b = new StringBuilder();
    b.append("<h2 id=\"welcome\">").append(label("您好", "Welcome")).append(", <span id=\"citizen-name\">")
        .append(esc(user.get("name"))).append("</span></h2>");
    b.append("<p>").append(label("您已通过身份凭证登录。", "You are logged in with your identity credential."))
        .append("</p><h3>").append(label("办事服务", "Services")).append("</h3><ul class=\"services\">");
    for (Service sv : SERVICES) {
      b.append("<li><span class=\"kind\">").append(label(sv.kindZh(), sv.kindEn())).append("</span> <a id=\"service-")
          .append(sv.id()).append("\" href=\"/services/").append(sv.id()).append("\">").append(label(sv.zh(), sv.en()))
          .append("</a></li>");
    }
    b.append("</ul>");
    return Html.html(200, Html.page("禅城区市民服务门户", "Chancheng citizen portal", "citizen", logout(s), b.toString()),
        Map.of());
  }

  private String logout(WebSession s) {
    Map<String, Object> user = s.get("user");
    return "<form method=\"post\" action=\"/logout\" style=\"display:inline\">" + esc(user.get("name"))
        + " <input type=\"hidden\" name=\"form_token\" value=\"" + esc(s.formToken) + "\">"
        + "<button id=\"logout\" style=\"margin:0;background:#0000;border:1px solid #fff\">" + label("退出", "Log out")
        + "</button></form>";
  }

  // ------------------------------------------------------------------ services

  private String serviceStatus(WebSession s, Service service) {
    if (s.get("claims:" + service.id()) != null) {
      return "verified";
    }
    PresentationSession ps = s.get("request:" + service.id());
    if (ps == null) {
      return "expired";
    }
    PresentationResult r = verifier.result(ps.transactionId());
    if (r.isVerified()) {
      Map<String, Object> claims = r.claims("id");
      Map<String, Object> user = s.get("user");
      s.put("request:" + service.id(), null);
      // Every service asks for subject_id too: the form is only filled from the logged-in person's own credential.
      if (!user.get("subject_id").equals(claims.get("subject_id"))) {
        s.put("problem:" + service.id(), "该凭证不属于当前登录的市民 / The credential belongs to someone else");
      } else {
        s.put("claims:" + service.id(), new LinkedHashMap<>(claims));
      }
    } else if (r.status() != PresentationResult.Status.PENDING) {
      s.put("request:" + service.id(), null);
      s.put("problem:" + service.id(), r.status() + (r.walletError() != null ? " (" + r.walletError() + ")" : "")
          + (r.problems().isEmpty() ? "" : ": " + String.join("; ", r.problems())));
    }
    return r.status().name().toLowerCase(Locale.ROOT);
  }

  private HttpAnswer servicePage(WebSession s, Service service) {
    Map<String, Object> claims = s.get("claims:" + service.id());
    StringBuilder b = new StringBuilder();
    b.append("<p><a href=\"/\">← ").append(label("返回", "Back")).append("</a></p><h2>")
        .append(label(service.zh(), service.en())).append("</h2><p class=\"kind\">")
        .append(label(service.kindZh(), service.kindEn())).append("</p>");
    String problem = s.get("problem:" + service.id());
    if (problem != null) {
      s.put("problem:" + service.id(), null);
      b.append("<p class=\"refused\" id=\"problem\">").append(esc(problem)).append("</p>");
    }
    if (claims == null) {
      PresentationSession ps = s.get("request:" + service.id());
      if (ps == null || ps.expiresAt().isBefore(district.clock.instant().plusSeconds(30))) {
        ps = verifier.request(service.query(), service.purpose());
        s.put("request:" + service.id(), ps);
      }
      b.append("<div class=\"qr\"><img id=\"service-qr\" src=\"/services/").append(service.id())
          .append("/qr.png?t=").append(ps.expiresAt().getEpochSecond()).append("\" alt=\"OpenID4VP QR\"><div><p>")
          .append(label("请用钱包扫码，授权本表单所需的信息：", "Scan with your wallet to share what this form needs:"))
          .append(" <b>").append(esc(String.join(", ", service.claims()))).append("</b></p><p class=\"purpose\">")
          .append(label("用途", "Purpose")).append(": ").append(esc(ps.purpose())).append("</p><details><summary>")
          .append(label("命令行钱包", "Command-line wallet")).append("</summary><code id=\"request-uri\">")
          .append(esc(ps.requestUri())).append("</code></details>")
          .append(Html.poll("/services/" + service.id() + "/status")).append("</div></div>");
    } else {
      b.append(form(s, service, claims));
    }
    return Html.html(200, Html.page("禅城区市民服务门户", "Chancheng citizen portal", "citizen", logout(s), b.toString()),
        Map.of());
  }

  private String form(WebSession s, Service service, Map<String, Object> c) {
    StringBuilder f = new StringBuilder("<form id=\"service-form\" method=\"post\" action=\"/services/" + service.id()
        + "\"><input type=\"hidden\" name=\"form_token\" value=\"" + esc(s.formToken) + "\">");
    Map<?, ?> area = c.get("registered_area") instanceof Map<?, ?> a ? a : Map.of();
    switch (service.id()) {
      case "household" -> f.append(Html.prefilled("name", "姓名", "Name", c.get("name")))
          .append(Html.prefilled("resident_id", "公民身份号码", "Resident ID number", c.get("resident_id")))
          .append(Html.prefilled("area_code", "户籍地代码", "Registered area code", area.get("code")))
          .append(Html.prefilled("area_name", "户籍地", "Registered area", area.get("name")))
          .append("<label for=\"use\">").append(label("证明用途", "Certificate for")).append("</label>")
          .append("<select id=\"use\" name=\"use\"><option value=\"school\">入学 / School enrolment</option>")
          .append("<option value=\"employment\">就业 / Employment</option><option value=\"other\">其他 / Other</option>")
          .append("</select>");
      case "residence" -> f.append(Html.prefilled("name", "姓名", "Name", c.get("name")))
          .append(Html.prefilled("area_code", "行政区划代码", "Area code", area.get("code")))
          .append(Html.field("address", "居住地址", "Address", "text", area.get("name") + ""))
          .append(Html.field("resident_since", "居住起始日期", "Resident since", "date", "2020-01-01"));
      case "senior", "transport" -> {
        boolean senior = Boolean.TRUE.equals(c.get("age_over_60"));
        f.append(Html.prefilled("name", "姓名", "Name", c.get("name")))
            .append(Html.prefilled("age_over_60", "年满60周岁", "Aged 60 or over", senior ? "是 / yes" : "否 / no"));
        if (service.id().equals("transport")) {
          f.append(Html.field("account", "收款账户（社保卡）", "Pay to (social security card)", "text", ""))
              .append("<p>").append(label("补贴金额", "Amount")).append(": ").append(District.TRANSPORT_AMOUNT)
              .append(" 元 / CNY. ").append(label("每人限领一次，链上核验。", "Once per person, checked on chain."))
              .append("</p>");
        }
      }
      default -> throw new IllegalStateException(service.id());
    }
    return f.append("<button id=\"submit\" type=\"submit\">").append(label("提交申请", "Submit")).append("</button></form>")
        .toString();
  }

  private HttpAnswer submit(WebSession s, Service service, HttpCall call) {
    Map<String, Object> c = s.get("claims:" + service.id());
    Map<String, String> form = formOf(call);
    if (c == null || form == null || !s.formToken.equals(form.get("form_token"))) {
      return Html.redirect("/services/" + service.id(), Map.of());
    }
    StringBuilder b = new StringBuilder("<p><a href=\"/\">← " + label("返回", "Back") + "</a></p><h2>"
        + label(service.zh(), service.en()) + "</h2><div id=\"result\">");
    switch (service.id()) {
      case "household" -> b.append("<p class=\"ok\">").append(label("已受理", "Accepted")).append("</p><p>")
          .append(label("受理编号", "Reference")).append(": <b id=\"reference\">HJ-").append(reference())
          .append("</b></p><p>").append(label("证明将在1个工作日内开具，请凭受理编号到户籍窗口领取。",
              "The certificate will be ready within one working day at the household registration desk."))
          .append("</p>");
      case "residence" -> {
        Map<?, ?> area = (Map<?, ?>) c.get("registered_area");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("name", c.get("name"));
        claims.put("subject_id", c.get("subject_id"));
        claims.put("address", form.getOrDefault("address", ""));
        claims.put("area_code", area.get("code"));
        claims.put("resident_since", form.getOrDefault("resident_since", ""));
        DomainCredential vc;
        try {
          vc = DomainCredential.of(DomainType.RESIDENCE_CERTIFICATE, claims, district.clock.instant());
        } catch (RuntimeException e) {
          b.append("<p class=\"refused\">").append(label("信息有误", "Invalid input")).append(": ")
              .append(esc(e.getMessage())).append("</p>");
          return result(s, b);
        }
        offer(s, service, psbIssuer.offer("residence", CredentialData.sdJwt(vc.sdClaims())
            .validUntil(district.clock.instant().plus(Duration.ofDays(365)))), b, "居住证明电子证照已签发",
            "Residence certificate credential issued");
      }
      case "senior" -> {
        if (!Boolean.TRUE.equals(c.get("age_over_60"))) {
          b.append("<p class=\"refused\" id=\"refused\">").append(label("不符合条件：未满60周岁。",
              "Not eligible: under 60.")).append("</p>");
          return result(s, b);
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("subject_id", c.get("subject_id"));
        claims.put("name", c.get("name"));
        claims.put("qualification", "senior");
        claims.put("granted_on", LocalDate.now(district.clock.withZone(ZoneOffset.ofHours(8))).toString());
        DomainCredential vc = DomainCredential.of(DomainType.QUALIFICATION, claims, district.clock.instant());
        offer(s, service, civilIssuer.offer("senior", CredentialData.sdJwt(vc.sdClaims())
            .validUntil(district.clock.instant().plus(Duration.ofDays(3 * 365)))), b, "老年人资格已认证",
            "Senior-citizen status certified");
      }
      case "transport" -> {
        if (!Boolean.TRUE.equals(c.get("age_over_60"))) {
          b.append("<p class=\"refused\" id=\"refused\">").append(label("不符合条件：未满60周岁。",
              "Not eligible: under 60.")).append("</p>");
          return result(s, b);
        }
        SubsidyRegistry.ClaimOutcome outcome = district.claimTransportSubsidy((String) c.get("subject_id"));
        if (outcome instanceof SubsidyRegistry.Claimed claimed) {
          b.append("<p class=\"ok\" id=\"claimed\">")
              .append(label("补贴已发放", "Subsidy paid")).append(": ").append(claimed.amount()).append(" 元 / CNY</p><p>")
              .append(label("链上登记", "Recorded on chain")).append(": ").append(label("第", "claim #"))
              .append(claimed.claimNumber()).append(", ").append(label("区块", "block")).append(" ")
              .append(claimed.receipt().blockNumber()).append("</p><p>")
              .append(label("链上只记录本项目的匿名核销码，不含任何个人信息。",
                  "The chain holds only this programme's nullifier, no personal data.")).append("</p>");
        } else if (outcome instanceof SubsidyRegistry.AlreadyClaimed already) {
          b.append("<p class=\"refused\" id=\"already-claimed\">")
              .append(label("申请被拒：您已领取过该补贴（链上核验）。",
                  "Refused: you have already claimed this subsidy (checked on chain)."))
              .append("</p><p>").append(label("领取时间", "Claimed at")).append(": ").append(esc(already.claimedAt()))
              .append("</p>");
        } else if (outcome instanceof SubsidyRegistry.BudgetExhausted) {
          b.append("<p class=\"refused\">").append(label("预算已用完", "The budget is exhausted")).append("</p>");
        } else {
          b.append("<p class=\"refused\">").append(label("不在申领期内", "Outside the application window")).append("</p>");
        }
      }
      default -> throw new IllegalStateException(service.id());
    }
    return result(s, b);
  }

  private void offer(WebSession s, Service service, CredentialOffer offer, StringBuilder b, String zh, String en) {
    s.put("offer:" + service.id(), offer);
    b.append("<p class=\"ok\">").append(label(zh, en)).append("</p><div class=\"qr\"><img id=\"offer-qr\" src=\"/services/")
        .append(service.id()).append("/offer.png?t=").append(offer.expiresAt().getEpochSecond())
        .append("\" alt=\"OpenID4VCI offer QR\"><div><p>")
        .append(label("请用钱包扫码领取电子证照。", "Scan with your wallet to receive the credential.")).append("</p><p>")
        .append(label("验证码", "Transaction code")).append(": <b id=\"tx-code\">").append(esc(offer.txCode().orElse("")))
        .append("</b></p><details><summary>").append(label("命令行钱包", "Command-line wallet"))
        .append("</summary><code id=\"offer-uri\">").append(esc(offer.byReferenceUri())).append("</code></details></div></div>");
  }

  private HttpAnswer result(WebSession s, StringBuilder b) {
    b.append("</div>");
    return Html.html(200, Html.page("禅城区市民服务门户", "Chancheng citizen portal", "citizen", logout(s), b.toString()),
        Map.of());
  }

  private String reference() {
    return String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
  }

  private static boolean formOk(WebSession s, HttpCall call) {
    Map<String, String> f = formOf(call);
    return f != null && s.formToken.equals(f.get("form_token"));
  }

  private static Map<String, String> formOf(HttpCall call) {
    try {
      return HttpCall.decodeForm(new String(call.body(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
