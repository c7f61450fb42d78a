-- AlterEnum
ALTER TYPE "ChannelKind" ADD VALUE 'api';
