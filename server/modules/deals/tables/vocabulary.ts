/** The states and kinds the deals tables store (the server's own words; shared ones are in contracts/deals.ts). */

export type PlanStatus = 'ready' | 'pending_approval' | 'rejected';
export type DepositStatus = 'requested' | 'confirmed' | 'collected' | 'cancelled' | 'voided';
export type ReceiptStatus = 'valid' | 'void_requested' | 'voided';
export type ReceiptPurpose = 'deposit' | 'payment';
export type AgreementStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'cancelled';
export type SignerKind = 'buyer' | 'agent';
export type FileKind = 'id_copy' | 'notarised_authorisation' | 'signed_statement' | 'contract_scan' | 'other';
export type TransactionFileStatus = 'open' | 'contracted' | 'completed' | 'cancelled';
export type PaymentItemKind = 'down_payment' | 'instalment' | 'balance' | 'loan';
/** What a reminder on a transaction file is for (SA-14, SA-16, SA-17). */
export type ReminderKind =
  | 'down_payment_buyer'
  | 'down_payment_consultant'
  | 'down_payment_overdue'
  | 'mortgage_notice'
  | 'move_in_consultant'
  | 'move_in_customer'
  | 'congratulation';
export type PaymentItemStatus = 'due' | 'paid' | 'overdue';
export type LoanType = 'none' | 'commercial' | 'provident_fund' | 'combination';
export type AppointmentStatus = 'scheduled' | 'completed' | 'failed' | 'cancelled';
export type ReminderRecipientKind = 'customer' | 'staff';
