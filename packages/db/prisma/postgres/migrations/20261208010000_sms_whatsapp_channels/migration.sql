-- AlterEnum
ALTER TYPE "ChannelKind" ADD VALUE 'twilio';
ALTER TYPE "ChannelKind" ADD VALUE 'whatsapp';

-- AlterTable
ALTER TABLE "ChannelMessageRef" ADD COLUMN     "deliveryId" TEXT,
ADD COLUMN     "sender" TEXT;
