/** The SNS Notifier: SMS straight to phone numbers, email through one topic per recipient. */
export { SnsNotifier, type SnsNotifierSettings, type SnsPublisher } from './sns-notifier.js';
export { NoticeDeliveryError, type DeliveryFailure } from './delivery-error.js';
export { asciiSubject, emailInput, emailMessage, smsInput, smsMessage, type SmsSettings } from './publish-inputs.js';
