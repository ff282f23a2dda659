#include "crosscheck/normalize/email.h"

#include <gtest/gtest.h>

#include <string>

namespace crosscheck::normalize {
namespace {

TEST(EmailNormalizer, CanonicalFormsPerProvider) {
  struct Case {
    const char* raw;
    const char* canonical;
    EmailClass cls;
  } cases[] = {
      // Gmail: dots and +tags ignored, googlemail.com is gmail.com.
      {"John.Smith@gmail.com", "johnsmith@gmail.com", EmailClass::kFreeMail},
      {" j.o.h.n.smith+jobs@GMAIL.COM ", "johnsmith@gmail.com", EmailClass::kFreeMail},
      {"johnsmith@googlemail.com", "johnsmith@gmail.com", EmailClass::kFreeMail},
      {"John Smith <John.Smith+linkedin@gmail.com>", "johnsmith@gmail.com", EmailClass::kFreeMail},
      {"mailto:jsmith@gmail.com", "jsmith@gmail.com", EmailClass::kFreeMail},
      // Outlook / iCloud / Proton / Fastmail: +tags dropped, dots kept.
      {"jane.doe+apply@outlook.com", "jane.doe@outlook.com", EmailClass::kFreeMail},
      {"jane.doe+x@hotmail.com", "jane.doe@hotmail.com", EmailClass::kFreeMail},
      {"k.lee+work@icloud.com", "k.lee@icloud.com", EmailClass::kFreeMail},
      {"dev+hr@proton.me", "dev@proton.me", EmailClass::kFreeMail},
      {"dev+hr@fastmail.com", "dev@fastmail.com", EmailClass::kFreeMail},
      // Yahoo disposable addresses: basename-keyword.
      {"jsmith-recruiters@yahoo.com", "jsmith@yahoo.com", EmailClass::kFreeMail},
      // Regional free-mail providers.
      {"wang.wei@qq.com", "wang.wei@qq.com", EmailClass::kFreeMail},
      {"zhangsan@163.com", "zhangsan@163.com", EmailClass::kFreeMail},
      {"minjun.kim@naver.com", "minjun.kim@naver.com", EmailClass::kFreeMail},
      {"ivanov@yandex.ru", "ivanov@yandex.ru", EmailClass::kFreeMail},
      {"ivanov@mail.ru", "ivanov@mail.ru", EmailClass::kFreeMail},
      {"max.mustermann@web.de", "max.mustermann@web.de", EmailClass::kFreeMail},
      {"max@gmx.de", "max@gmx.de", EmailClass::kFreeMail},
      {"taro@yahoo.co.jp", "taro@yahoo.co.jp", EmailClass::kFreeMail},
      {"raj@rediffmail.com", "raj@rediffmail.com", EmailClass::kFreeMail},
      // Disposable services, subdomains included.
      {"x7f3@mailinator.com", "x7f3@mailinator.com", EmailClass::kDisposable},
      {"abc@guerrillamail.com", "abc@guerrillamail.com", EmailClass::kDisposable},
      {"abc@10minutemail.com", "abc@10minutemail.com", EmailClass::kDisposable},
      {"abc@temp-mail.org", "abc@temp-mail.org", EmailClass::kDisposable},
      {"abc@yopmail.com", "abc@yopmail.com", EmailClass::kDisposable},
      {"abc@eu.mailinator.com", "abc@eu.mailinator.com", EmailClass::kDisposable},
      // Anything else is corporate; its +tags are kept (the provider is unknown).
      {"Jane.Doe+hr@Acme-Corp.com", "jane.doe+hr@acme-corp.com", EmailClass::kCorporate},
      {"first.last@university.ac.uk.", "first.last@university.ac.uk", EmailClass::kCorporate},
      // Internationalized domains become punycode (UTS #46).
      {"info@münchen.de", "info@xn--mnchen-3ya.de", EmailClass::kCorporate},
      {"user@例え.jp", "user@xn--r8jz45g.jp", EmailClass::kCorporate},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.raw);
    const NormalizedEmail email = NormalizeEmail(c.raw);
    EXPECT_TRUE(email.valid);
    EXPECT_EQ(email.canonical, c.canonical);
    EXPECT_EQ(email.cls, c.cls);
    EXPECT_EQ(email.local + "@" + email.domain, email.canonical);
  }
}

TEST(EmailNormalizer, RejectsGarbageWithoutThrowing) {
  const std::string very_long = std::string(300, 'a') + "@example.com";
  const std::string long_domain = "a@" + std::string(70, 'b') + ".com";
  const char* cases[] = {
      "",
      "   ",
      "not an email",
      "@gmail.com",
      "john@",
      "john@@gmail.com",
      "john@gmail",
      "john smith@gmail.com",
      "john..smith@example.com",
      ".john@example.com",
      "john@-example.com",
      "john@example..com",
      "john@example.123",
      "john@exa_mple.com",
      "😀@😀.com",
      "+tag@gmail.com",
      "john@\xff\xfe.com",
      very_long.c_str(),
      long_domain.c_str(),
  };
  for (const char* raw : cases) {
    SCOPED_TRACE(raw);
    const NormalizedEmail email = NormalizeEmail(raw);
    EXPECT_FALSE(email.valid);
    EXPECT_TRUE(email.canonical.empty());
    EXPECT_EQ(email.cls, EmailClass::kUnknown);
  }
}

TEST(EmailNormalizer, ClassifiesDomains) {
  struct Case {
    const char* domain;
    EmailClass cls;
  } cases[] = {
      {"gmail.com", EmailClass::kFreeMail},
      {"naver.com", EmailClass::kFreeMail},
      {"mailinator.com", EmailClass::kDisposable},
      {"sharklasers.com", EmailClass::kDisposable},
      {"google.com", EmailClass::kCorporate},
      {"com", EmailClass::kCorporate},
      {"", EmailClass::kUnknown},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.domain);
    EXPECT_EQ(ClassifyEmailDomain(c.domain), c.cls);
  }
  EXPECT_TRUE(IsDisposableDomain("yopmail.com"));
  EXPECT_FALSE(IsDisposableDomain("gmail.com"));
  EXPECT_TRUE(IsFreeMailDomain("qq.com"));
  EXPECT_STREQ(EmailClassName(EmailClass::kDisposable), "disposable");
}

}  // namespace
}  // namespace crosscheck::normalize
