-- Where WeChat subscription messages and SMS reach a person (issue 15, decision 0025): the openid their
-- WeChat sign-in gave (bound by the person), and the mobile number they chose for SMS in a tenant,
-- sealed (personal data is encrypted at rest; the mask is what anyone sees).
alter table people add column wechat_openid text;
alter table notification_preferences
  add column sms_phone_cipher text,
  add column sms_phone_masked text not null default '';
