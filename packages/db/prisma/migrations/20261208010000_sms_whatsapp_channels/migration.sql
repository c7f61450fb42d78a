-- ChannelKind gains twilio and whatsapp (SQLite stores enums as text: nothing to alter).

-- AlterTable
ALTER TABLE "ChannelMessageRef" ADD COLUMN "deliveryId" TEXT;
ALTER TABLE "ChannelMessageRef" ADD COLUMN "sender" TEXT;
