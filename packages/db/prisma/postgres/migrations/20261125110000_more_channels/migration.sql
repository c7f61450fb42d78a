-- AlterEnum: start nodes may allow SMS, WhatsApp, email and API conversations.
ALTER TYPE "Channel" ADD VALUE 'sms';
ALTER TYPE "Channel" ADD VALUE 'whatsapp';
ALTER TYPE "Channel" ADD VALUE 'email';
ALTER TYPE "Channel" ADD VALUE 'api';
